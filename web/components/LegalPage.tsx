import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

export type LegalSection = { id: string; title: string; body: React.ReactNode };

/**
 * Shared frame of /privacy, /terms and /gdpr: header, the template notice, a table of contents
 * and the numbered sections.
 */
export function LegalPage({
  title,
  intro,
  version,
  sections,
}: {
  title: string;
  intro: React.ReactNode;
  version: string;
  sections: LegalSection[];
}) {
  return (
    <>
      <SiteHeader />
      <main id="innehall" className="legal">
        <div className="container">
          <header className="legal__head">
            <h1>{title}</h1>
            <p className="legal__meta">{version}</p>
            <div className="template-note" role="note" aria-label="Mall">
              <p>
                <strong>Mall – ska granskas av jurist.</strong> Den här texten är ett utkast som
                beskriver hur Wisdom fungerar. Den ska granskas och godkännas av en jurist innan
                den publiceras som gällande villkor. Uppgifter inom hakparentes, till exempel
                [organisationsnummer], fylls i före publicering.
              </p>
            </div>
            <div className="legal__intro">{intro}</div>
          </header>
          <div className="legal__layout">
            <nav className="legal__toc" aria-labelledby="toc-rubrik">
              <h2 id="toc-rubrik">Innehåll</h2>
              <ol>
                {sections.map((s) => (
                  <li key={s.id}>
                    <a href={`#${s.id}`}>{s.title}</a>
                  </li>
                ))}
              </ol>
            </nav>
            <article className="legal__body">
              {sections.map((s, i) => (
                <section key={s.id} aria-labelledby={s.id}>
                  <h2 id={s.id}>
                    {i + 1}. {s.title}
                  </h2>
                  {s.body}
                </section>
              ))}
            </article>
          </div>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
