// Build-time configuration of the site, shared by next.config.mjs (which inlines the values into
// the static export) and by the tests (which compute what the built pages must show).
// Every value comes from a NEXT_PUBLIC_* environment variable; see .env.example and README.md.

/** Defaults used when a variable is unset or empty. */
export const DEFAULTS = Object.freeze({
  // Where "Logga in" points: the Wisdom web app (the Flet client served as a web app).
  NEXT_PUBLIC_APP_URL: 'http://127.0.0.1:8550',
  // Store listings. Empty until the apps are published: the buttons then say "Kommer snart".
  NEXT_PUBLIC_PLAY_STORE_URL: '',
  NEXT_PUBLIC_APP_STORE_URL: '',
  // Contact address shown in the footer and in the legal texts.
  NEXT_PUBLIC_CONTACT_EMAIL: 'kontakt@soulwisdom.se',
  // The company behind Wisdom, as named in the legal texts (the personal data controller).
  NEXT_PUBLIC_COMPANY_NAME: 'SoulWisdom',
  NEXT_PUBLIC_COMPANY_ORG_NUMBER: '[organisationsnummer]',
  NEXT_PUBLIC_COMPANY_ADDRESS: '[postadress]',
});

/**
 * Resolve the configuration from an environment object (process.env by default).
 * @param {Record<string, string | undefined>} env
 * @returns {Record<keyof typeof DEFAULTS, string>}
 */
export function resolveSiteConfig(env = process.env) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, fallback] of Object.entries(DEFAULTS)) {
    const value = (env[key] ?? '').trim();
    out[key] = value === '' ? fallback : value;
  }
  for (const key of ['NEXT_PUBLIC_APP_URL', 'NEXT_PUBLIC_PLAY_STORE_URL', 'NEXT_PUBLIC_APP_STORE_URL']) {
    const value = out[key];
    if (value !== '' && !/^https?:\/\//.test(value)) {
      throw new Error(`${key} must be an http(s) URL, got ${JSON.stringify(value)}`);
    }
  }
  return /** @type {Record<keyof typeof DEFAULTS, string>} */ (out);
}
