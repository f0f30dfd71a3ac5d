import Link from 'next/link';
import { config } from '@/lib/config';
import { BrandLink } from './Brand';

const BUILD_YEAR = new Date().getFullYear();

/** Footer with the legal links, contact and company details. */
export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__grid">
        <div className="site-footer__about">
          <BrandLink tone="light" />
          <p>
            En mötesplats för oberoende lärare och elever inom välmående och andlig utveckling i
            Sverige.
          </p>
        </div>
        <nav aria-label="Juridisk information" className="site-footer__nav">
          <h2 className="site-footer__heading">Juridiskt</h2>
          <ul>
            <li>
              <Link href="/privacy/">Integritetspolicy</Link>
            </li>
            <li>
              <Link href="/terms/">Användarvillkor</Link>
            </li>
            <li>
              <Link href="/gdpr/">Dina rättigheter (GDPR)</Link>
            </li>
          </ul>
        </nav>
        <div className="site-footer__contact">
          <h2 className="site-footer__heading">Kontakt</h2>
          <ul>
            <li>
              <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>
            </li>
            <li>
              <a href={config.appUrl}>Logga in i Wisdom</a>
            </li>
          </ul>
          <p className="site-footer__company">
            {config.companyName}
            <br />
            Org.nr {config.companyOrgNumber}
            <br />
            {config.companyAddress}
          </p>
        </div>
      </div>
      <div className="container site-footer__bottom">
        <p>
          © {BUILD_YEAR} {config.companyName}. Den här webbplatsen använder inga cookies och inga
          spårare.
        </p>
      </div>
    </footer>
  );
}
