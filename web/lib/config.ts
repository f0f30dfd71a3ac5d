// Site configuration, inlined at build time by next.config.mjs from NEXT_PUBLIC_* variables
// (defaults in site-config.mjs). Each access must be a literal `process.env.NAME` so the
// bundler can replace it.

export const config = {
  appUrl: process.env.NEXT_PUBLIC_APP_URL as string,
  playStoreUrl: process.env.NEXT_PUBLIC_PLAY_STORE_URL ?? '',
  appStoreUrl: process.env.NEXT_PUBLIC_APP_STORE_URL ?? '',
  contactEmail: process.env.NEXT_PUBLIC_CONTACT_EMAIL as string,
  companyName: process.env.NEXT_PUBLIC_COMPANY_NAME as string,
  companyOrgNumber: process.env.NEXT_PUBLIC_COMPANY_ORG_NUMBER as string,
  companyAddress: process.env.NEXT_PUBLIC_COMPANY_ADDRESS as string,
} as const;
