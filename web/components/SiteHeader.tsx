import { config } from '@/lib/config';
import { BrandLink } from './Brand';

/** Top bar of the landing and legal pages. Section links point at the landing page's anchors. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <BrandLink />
        <nav aria-label="Huvudmeny" className="site-nav">
          <ul className="site-nav__list">
            <li className="site-nav__section">
              <a href="/#utbud">Utbud</a>
            </li>
            <li className="site-nav__section">
              <a href="/#larare">För lärare</a>
            </li>
            <li className="site-nav__section">
              <a href="/#ladda-ned">Ladda ned appen</a>
            </li>
            <li>
              <a className="button button--small" href={config.appUrl}>
                Logga in
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
