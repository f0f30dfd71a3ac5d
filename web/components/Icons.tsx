// Line icons drawn for Wisdom (24x24 grid, 1.8 stroke). Decorative: always aria-hidden.

type IconProps = { className?: string };

function Svg({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <svg
      className={className ?? 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** An open book: courses. */
export function IconCourse({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 6.5C10.2 5 7.6 4.3 4 4.5v13c3.6-.2 6.2.5 8 2 1.8-1.5 4.4-2.2 8-2v-13c-3.6-.2-6.2.5-8 2z" />
      <path d="M12 6.5v13" />
    </Svg>
  );
}

/** Two hands around a spark: services such as readings and coaching. */
export function IconService({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 3.5l1.2 2.6 2.6 1.2-2.6 1.2L12 11.1l-1.2-2.6-2.6-1.2 2.6-1.2z" />
      <path d="M3.5 14.5c2.5-.4 4.6.2 6.2 1.8l1.3 1.2H14" />
      <path d="M20.5 14.5c-2.5-.4-4.6.2-6.2 1.8" />
      <path d="M3.5 19.5h17" />
    </Svg>
  );
}

/** A video camera: live seminars. */
export function IconSeminar({ className }: IconProps) {
  return (
    <Svg className={className}>
      <rect x="3" y="6.5" width="12.5" height="11" rx="2.2" />
      <path d="M15.5 10.5 21 7.5v9l-5.5-3" />
      <circle cx="7" cy="10" r="1" fill="currentColor" stroke="none" />
    </Svg>
  );
}

/** Three people: the community. */
export function IconCommunity({ className }: IconProps) {
  return (
    <Svg className={className}>
      <circle cx="12" cy="8" r="3" />
      <path d="M6.5 19.5c.6-3.2 2.7-5 5.5-5s4.9 1.8 5.5 5" />
      <circle cx="5" cy="10" r="2" />
      <path d="M2 18c.3-2 1.4-3.2 3-3.5" />
      <circle cx="19" cy="10" r="2" />
      <path d="M22 18c-.3-2-1.4-3.2-3-3.5" />
    </Svg>
  );
}

/** A shield with a check: safety and privacy. */
export function IconShield({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 3 5 6v5.5c0 4.3 3 7.7 7 9.5 4-1.8 7-5.2 7-9.5V6z" />
      <path d="m9 12 2.2 2.2L15.5 10" />
    </Svg>
  );
}

/** A card: payments. */
export function IconPayment({ className }: IconProps) {
  return (
    <Svg className={className}>
      <rect x="3" y="5.5" width="18" height="13" rx="2.2" />
      <path d="M3 10h18" />
      <path d="M7 14.5h4" />
    </Svg>
  );
}

/** A heart: wellbeing. */
export function IconHeart({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 20s-7.5-4.4-7.5-10A4.3 4.3 0 0 1 12 7.4 4.3 4.3 0 0 1 19.5 10c0 5.6-7.5 10-7.5 10z" />
    </Svg>
  );
}
