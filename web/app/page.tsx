import Link from 'next/link';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { StoreButtons } from '@/components/StoreButtons';
import {
  IconCommunity,
  IconCourse,
  IconHeart,
  IconPayment,
  IconSeminar,
  IconService,
  IconShield,
} from '@/components/Icons';
import { config } from '@/lib/config';

const OFFERINGS = [
  {
    icon: IconCourse,
    title: 'Kurser',
    text: 'Kurser i egen takt med moduler, lektioner och små kunskapstester. Börja gärna med en kostnadsfri introduktionskurs.',
  },
  {
    icon: IconService,
    title: 'Tjänster',
    text: 'Boka en reading, en coachingsession eller annan personlig vägledning direkt hos en lärare du känner förtroende för.',
  },
  {
    icon: IconSeminar,
    title: 'Live-seminarier',
    text: 'Delta i seminarier som sänds live med bild och ljud. Du ser och hör läraren och deltar från mobilen eller datorn.',
  },
  {
    icon: IconCommunity,
    title: 'Gemenskap',
    text: 'Dela tankar och erfarenheter på den gemensamma väggen och skriv direkt till lärare och andra medlemmar.',
  },
];

export default function HomePage() {
  return (
    <>
      <SiteHeader />
      <main id="innehall">
        <section className="hero" aria-labelledby="hero-rubrik">
          <div className="container hero__grid">
            <div className="hero__copy">
              <p className="eyebrow">Wisdom by SoulWisdom</p>
              <h1 id="hero-rubrik">Väx i din egen takt – med lärare som brinner för välmående</h1>
              <p className="lead">
                Wisdom samlar oberoende lärare inom välmående och andlig utveckling i Sverige. Här
                hittar du kurser, personlig vägledning och live-seminarier – och en varm gemenskap
                att dela resan med.
              </p>
              <div className="hero__actions">
                <a className="button" href={config.appUrl}>
                  Logga in
                </a>
                <a className="button button--ghost" href="#ladda-ned">
                  Ladda ned appen
                </a>
              </div>
              <StoreButtons />
            </div>
            <div className="hero__art" aria-hidden="true">
              <div className="hero__halo" />
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src="/brand/logo-mark.svg" alt="" width={320} height={320} className="hero__mark" />
            </div>
          </div>
        </section>

        <section id="utbud" className="section" aria-labelledby="utbud-rubrik">
          <div className="container">
            <h2 id="utbud-rubrik" className="section__title">
              Allt på ett ställe
            </h2>
            <p className="section__intro">
              Lärarna på Wisdom delar med sig av sin kunskap på det sätt som passar dem – och dig.
            </p>
            <ul className="cards" role="list">
              {OFFERINGS.map(({ icon: Icon, title, text }) => (
                <li key={title} className="card">
                  <span className="card__icon">
                    <Icon />
                  </span>
                  <h3 className="card__title">{title}</h3>
                  <p>{text}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section className="section section--sand" aria-labelledby="elever-rubrik">
          <div className="container split">
            <div>
              <p className="eyebrow">För elever</p>
              <h2 id="elever-rubrik" className="section__title">
                Hitta det som ger dig ro och riktning
              </h2>
              <p>
                Oavsett om du är nyfiken på meditation, tarot, energiarbete eller personlig
                utveckling hittar du lärare som möter dig där du är.
              </p>
            </div>
            <ul className="checklist">
              <li>Gratis introduktionskurser att börja med</li>
              <li>Kurser som sparar var du är, så att du kan fortsätta när det passar</li>
              <li>Personliga sessioner som du bokar och betalar direkt i appen</li>
              <li>Live-seminarier där du ser och hör läraren i realtid</li>
              <li>En gemenskap där du kan ställa frågor och dela erfarenheter</li>
            </ul>
          </div>
        </section>

        <section id="larare" className="section" aria-labelledby="larare-rubrik">
          <div className="container split">
            <div>
              <p className="eyebrow">För lärare</p>
              <h2 id="larare-rubrik" className="section__title">
                Din verksamhet, ditt sätt – vi sköter tekniken
              </h2>
              <p>
                Wisdom är byggt för dig som undervisar eller vägleder på egen hand. Du äger ditt
                innehåll och bestämmer dina priser; vi står för plattformen, betalningarna och
                tekniken för dina seminarier.
              </p>
              <p>
                Lärare godkänns av oss innan de börjar sälja, så att eleverna kan känna sig trygga.
              </p>
            </div>
            <ul className="checklist">
              <li>Bygg kurser med moduler, lektioner och kunskapstester</li>
              <li>Sälj readings, coaching och andra tjänster med egna priser</li>
              <li>Håll betalda live-seminarier med video direkt i Wisdom</li>
              <li>Få betalt i kronor direkt till ditt bankkonto via Stripe</li>
              <li>Nå elever i hela Sverige genom gemenskapen</li>
            </ul>
          </div>
        </section>

        <section className="section section--lavendel" aria-labelledby="trygghet-rubrik">
          <div className="container">
            <h2 id="trygghet-rubrik" className="section__title">
              Tryggt och enkelt
            </h2>
            <ul className="features" role="list">
              <li className="feature">
                <span className="feature__icon">
                  <IconPayment />
                </span>
                <div>
                  <h3 className="feature__title">Säkra betalningar</h3>
                  <p>
                    Betala med kort, Klarna eller Swish. Betalningarna hanteras av Stripe och alla
                    priser anges i svenska kronor.
                  </p>
                </div>
              </li>
              <li className="feature">
                <span className="feature__icon">
                  <IconShield />
                </span>
                <div>
                  <h3 className="feature__title">Dina uppgifter är dina</h3>
                  <p>
                    Exportera eller radera dina uppgifter när du vill direkt i appen. Läs mer om{' '}
                    <Link href="/gdpr/">dina rättigheter</Link>.
                  </p>
                </div>
              </li>
              <li className="feature">
                <span className="feature__icon">
                  <IconHeart />
                </span>
                <div>
                  <h3 className="feature__title">Omtanke först</h3>
                  <p>
                    Personliga samtal stannar mellan dig och läraren. Webbplatsen använder inga
                    cookies och inga spårare.
                  </p>
                </div>
              </li>
            </ul>
          </div>
        </section>

        <section id="ladda-ned" className="section download" aria-labelledby="ladda-ned-rubrik">
          <div className="container download__inner">
            <h2 id="ladda-ned-rubrik" className="section__title">
              Ta med Wisdom i fickan
            </h2>
            <p className="section__intro">
              Appen finns för Android och iPhone. Har du redan ett konto kan du också logga in
              direkt i webbläsaren.
            </p>
            <StoreButtons />
            <p>
              <a className="button button--ghost" href={config.appUrl}>
                Logga in på webben
              </a>
            </p>
          </div>
        </section>
      </main>
      <SiteFooter />
    </>
  );
}
