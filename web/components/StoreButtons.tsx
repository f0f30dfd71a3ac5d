import { config } from '@/lib/config';

function PlayGlyph() {
  return (
    <svg className="store-button__glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M5 3.8v16.4c0 .8.9 1.3 1.6.9l14-8.2c.7-.4.7-1.4 0-1.8l-14-8.2C5.9 2.5 5 3 5 3.8z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      <path d="M5.6 3.4 15 12l-9.4 8.6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
    </svg>
  );
}

function PhoneGlyph() {
  return (
    <svg className="store-button__glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="6" y="2.5" width="12" height="19" rx="2.6" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M10.5 18.3h3" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

function StoreButton({ url, store, pre, glyph }: { url: string; store: string; pre: string; glyph: React.ReactNode }) {
  const body = (
    <>
      {glyph}
      <span className="store-button__text">
        <span className="store-button__pre">{url ? pre : 'Kommer snart till'}</span>
        <span className="store-button__store">{store}</span>
      </span>
    </>
  );
  if (!url) {
    // Placeholder until the app is published: the same look, but not a link.
    return (
      <span className="store-button store-button--soon" data-store={store}>
        {body}
      </span>
    );
  }
  return (
    <a className="store-button" href={url} data-store={store} rel="noopener">
      {body}
    </a>
  );
}

/** Google Play and App Store buttons; URLs come from NEXT_PUBLIC_PLAY_STORE_URL / _APP_STORE_URL. */
export function StoreButtons() {
  return (
    <div className="store-buttons">
      <StoreButton url={config.playStoreUrl} store="Google Play" pre="Ladda ned på" glyph={<PlayGlyph />} />
      <StoreButton url={config.appStoreUrl} store="App Store" pre="Ladda ned i" glyph={<PhoneGlyph />} />
    </div>
  );
}
