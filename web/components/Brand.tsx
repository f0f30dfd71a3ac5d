import Link from 'next/link';

/** The Wisdom logo: the lotus mark with the wordmark. Links home. */
export function BrandLink({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const mark = tone === 'light' ? '/brand/logo-mark-light.svg' : '/brand/logo-mark.svg';
  return (
    <Link href="/" className={`brand brand--${tone}`}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={mark} alt="" width={40} height={40} className="brand__mark" />
      <span className="brand__text">
        <span className="brand__name">Wisdom</span>
        <span className="brand__by">by SoulWisdom</span>
      </span>
    </Link>
  );
}
