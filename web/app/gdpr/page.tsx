import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, type LegalSection } from '@/components/LegalPage';
import { config } from '@/lib/config';

export const metadata: Metadata = {
  title: 'Dina rättigheter enligt GDPR',
  description: 'Så använder du dina rättigheter enligt dataskyddsförordningen i Wisdom.',
};

const mail = <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>;

const sections: LegalSection[] = [
  {
    id: 'sa-gor-du',
    title: 'Så använder du dina rättigheter',
    body: (
      <>
        <p>
          Det mesta gör du själv direkt i appen under <strong>Profil</strong>, när du är inloggad.
          Du kan också alltid skriva till oss på {mail}. Skriv gärna vilken rättighet det gäller
          och skicka meddelandet från den e-postadress som hör till ditt konto, så går det
          snabbare.
        </p>
        <ul>
          <li>Det är kostnadsfritt att använda dina rättigheter.</li>
          <li>
            Vi svarar utan onödigt dröjsmål och senast inom en månad. Är begäran omfattande eller
            många kan tiden förlängas med högst två månader; då får du veta det inom den första
            månaden (artikel 12.3).
          </li>
          <li>
            Vi behöver vara säkra på att det är du. Gäller begäran något annat än det du kan göra
            inloggad i appen kan vi be dig bekräfta din identitet.
          </li>
          <li>
            Om vi inte kan göra det du begär förklarar vi varför, och berättar hur du kan klaga
            hos Integritetsskyddsmyndigheten.
          </li>
        </ul>
        <p>
          För den som bygger egna verktyg finns samma funktioner i Wisdoms API för inloggade
          användare; de nämns nedan vid respektive rättighet.
        </p>
      </>
    ),
  },
  {
    id: 'tillgang',
    title: 'Rätt till tillgång – artikel 15',
    body: (
      <>
        <p>
          Du har rätt att få veta om vi behandlar personuppgifter om dig, och i så fall få en kopia
          av uppgifterna och information om hur de behandlas.
        </p>
        <h3>Så gör du</h3>
        <ol>
          <li>Logga in i appen och gå till <strong>Profil</strong>.</li>
          <li>Välj <strong>”Exportera mina uppgifter”</strong>.</li>
          <li>Appen hämtar en fil med allt vi har sparat om dig, som du kan spara och öppna.</li>
        </ol>
        <p>
          Filen innehåller bland annat ditt konto och din profil, dina kursinskrivningar och
          framsteg, testresultat, bokningar, ordrar och kvitton, seminarieplatser, inlägg och
          kommentarer i gemenskapen, meddelanden du skickat och tagit emot samt de samtycken du
          lämnat. Vill du dessutom ha en förklaring av ändamål, mottagare och lagringstider finns
          den i <Link href="/privacy/">integritetspolicyn</Link>, eller så skickar vi den till dig.
        </p>
        <p>
          Tekniskt: <code>GET /me/export</code> i Wisdoms API.
        </p>
      </>
    ),
  },
  {
    id: 'rattelse',
    title: 'Rätt till rättelse – artikel 16',
    body: (
      <>
        <p>Du har rätt att få felaktiga uppgifter rättade och ofullständiga uppgifter kompletterade.</p>
        <h3>Så gör du</h3>
        <p>
          Namn, visningsnamn, profilbild, presentation och e-postadress ändrar du själv under{' '}
          <strong>Profil</strong> i appen. Är något annat fel, till exempel på ett kvitto, skriver
          du till {mail} så rättar vi det.
        </p>
      </>
    ),
  },
  {
    id: 'radering',
    title: 'Rätt till radering – artikel 17',
    body: (
      <>
        <p>
          Du har rätt att få dina uppgifter raderade, till exempel när de inte längre behövs eller
          när du återkallar ett samtycke.
        </p>
        <h3>Så gör du</h3>
        <ol>
          <li>Logga in i appen och gå till <strong>Profil</strong>.</li>
          <li>Välj <strong>”Radera mitt konto”</strong> och bekräfta.</li>
        </ol>
        <p>
          Tips: använd först ”Exportera mina uppgifter” om du vill spara en kopia – efter
          raderingen går det inte att återskapa kontot.
        </p>
        <h3>Det här händer</h3>
        <ul>
          <li>Du loggas ut och kan inte längre logga in. Aktiva inbjudningar till seminarier slutar gälla.</li>
          <li>Din profil, dina kursframsteg, testresultat, bokningar, samtycken och inlägg och kommentarer i gemenskapen raderas.</li>
          <li>Meddelanden du skickat raderas eller visas hos mottagaren utan ditt namn, som ”Raderad användare”.</li>
          <li>
            Uppgifter om köp och betalningar (räkenskapsinformation) måste vi enligt
            bokföringslagen spara i 7 år efter utgången av det kalenderår då räkenskapsåret
            avslutades. De skiljs från ditt konto och används bara för bokföring och revision.
          </li>
          <li>Uppgifter som behövs för ett pågående ärende, till exempel en tvist om en betalning, sparas tills ärendet är avslutat.</li>
          <li>Raderade uppgifter försvinner ur våra säkerhetskopior inom [30] dagar.</li>
        </ul>
        <p>
          Är du lärare och har kommande seminarier, obesvarade bokningar eller pengar kvar att få
          utbetalda behöver de avslutas först; appen berättar vad som återstår.
        </p>
        <p>
          Tekniskt: <code>DELETE /me</code> i Wisdoms API.
        </p>
        <p className="review-note">
          Att stämma av: beskrivningen ska motsvara exakt vad ”Radera mitt konto” gör i systemet.
        </p>
      </>
    ),
  },
  {
    id: 'begransning',
    title: 'Rätt till begränsning – artikel 18',
    body: (
      <>
        <p>
          Du har rätt att begära att vi tills vidare bara lagrar dina uppgifter och inte använder
          dem på annat sätt, till exempel medan vi utreder om en uppgift är korrekt, om du har
          invänt mot en behandling, eller om du behöver uppgifterna för ett rättsligt anspråk som
          vi annars skulle ha raderat.
        </p>
        <h3>Så gör du</h3>
        <p>
          Skriv till {mail} och berätta vilka uppgifter det gäller och varför. Vi meddelar dig
          innan begränsningen hävs.
        </p>
      </>
    ),
  },
  {
    id: 'underrattelse',
    title: 'Underrättelse till mottagare – artikel 19',
    body: (
      <p>
        När vi rättar, raderar eller begränsar uppgifter på din begäran meddelar vi det till de
        mottagare som fått uppgifterna, till exempel den lärare du har bokat, om det inte är
        omöjligt eller orimligt svårt. Vill du veta vilka mottagarna är berättar vi det; skriv
        till {mail}.
      </p>
    ),
  },
  {
    id: 'dataportabilitet',
    title: 'Rätt till dataportabilitet – artikel 20',
    body: (
      <>
        <p>
          Du har rätt att få de uppgifter som du själv lämnat till oss, och som vi behandlar med
          stöd av avtal eller samtycke, i ett strukturerat, allmänt använt och maskinläsbart
          format, och att föra dem vidare till en annan tjänst.
        </p>
        <h3>Så gör du</h3>
        <p>
          Använd <strong>”Exportera mina uppgifter”</strong> under <strong>Profil</strong> i
          appen. Filen är i formatet JSON, som går att läsa in i andra system. Vill du att vi
          skickar uppgifterna direkt till en annan tjänst skriver du till {mail}, så gör vi det
          om det är tekniskt möjligt.
        </p>
        <p>
          Tekniskt: <code>GET /me/export</code> i Wisdoms API.
        </p>
      </>
    ),
  },
  {
    id: 'invandning',
    title: 'Rätt att invända – artikel 21',
    body: (
      <>
        <p>
          Du har rätt att invända mot behandling som vi grundar på berättigat intresse, till
          exempel säkerhetsloggning eller moderering. Vi upphör då med behandlingen, om vi inte
          kan visa tvingande berättigade skäl som väger tyngre än dina intressen, eller om
          behandlingen behövs för att fastställa, göra gällande eller försvara rättsliga anspråk.
        </p>
        <p>
          Mot direktmarknadsföring kan du alltid invända, och då upphör vi med den. Du avslutar
          nyhetsbrev med länken i varje utskick eller under <strong>Profil</strong> i appen.
        </p>
        <h3>Så gör du</h3>
        <p>Skriv till {mail} och berätta vilken behandling du invänder mot.</p>
      </>
    ),
  },
  {
    id: 'automatiserade-beslut',
    title: 'Automatiserade beslut – artikel 22',
    body: (
      <p>
        Du har rätt att inte bli föremål för ett beslut som enbart grundas på automatiserad
        behandling, inklusive profilering, och som har rättsliga följder för dig eller på liknande
        sätt påverkar dig i betydande grad. Wisdom fattar inga sådana beslut. Godkännande av
        lärare, moderering och avstängning av konton görs av människor. Stripe och Klarna kan göra
        automatiska kontroller för att förhindra bedrägerier när du betalar; sådana frågor
        besvaras av respektive företag enligt deras integritetsvillkor.
      </p>
    ),
  },
  {
    id: 'samtycke',
    title: 'Återkalla ett samtycke – artikel 7.3',
    body: (
      <>
        <p>
          Du kan när som helst återkalla ett samtycke du har lämnat, till exempel samtycket till
          att känsliga uppgifter om hälsa eller övertygelse som du delar med en lärare får
          behandlas (artikel 9.2 a), eller samtycket till nyhetsbrev. Det ska vara lika enkelt att
          återkalla som att ge samtycket.
        </p>
        <h3>Så gör du</h3>
        <p>
          Under <strong>Profil</strong> i appen ser du dina samtycken och kan återkalla dem. Du kan
          också skriva till {mail}. Återkallelsen gäller framåt och påverkar inte behandling som
          redan skett. Utan samtycket kan läraren inte längre ta emot känsliga uppgifter från dig
          genom Wisdom.
        </p>
      </>
    ),
  },
  {
    id: 'for-larare',
    title: 'Om du är lärare',
    body: (
      <p>
        Som lärare har du samma rättigheter som alla andra användare. Tänk på att uppgifter om din
        försäljning och dina utbetalningar är räkenskapsinformation som sparas i 7 år, och att
        uppgifter som Stripe har samlat in för att kunna göra utbetalningar till dig behandlas av
        Stripe enligt Stripes egen integritetspolicy. Får du själv en begäran från en elev om
        uppgifter som du sparar utanför Wisdom ansvarar du för att besvara den; gäller den
        uppgifter i Wisdom hänvisar du eleven till den här sidan.
      </p>
    ),
  },
  {
    id: 'imy',
    title: 'Klagomål till Integritetsskyddsmyndigheten',
    body: (
      <>
        <p>
          Är du missnöjd med hur vi behandlar dina personuppgifter eller med hur vi har hanterat
          din begäran har du rätt att lämna klagomål till tillsynsmyndigheten (artikel 77):
        </p>
        <p>
          Integritetsskyddsmyndigheten (IMY)
          <br />
          Box 8114, 104 20 Stockholm
          <br />
          Telefon 08-657 61 00, e-post <a href="mailto:imy@imy.se">imy@imy.se</a>
          <br />
          <a href="https://www.imy.se">www.imy.se</a>
        </p>
        <p>Bor eller arbetar du i ett annat EU-land kan du också vända dig till tillsynsmyndigheten där.</p>
      </>
    ),
  },
  {
    id: 'kontakt',
    title: 'Kontakt',
    body: (
      <p>
        Personuppgiftsansvarig är {config.companyName} (organisationsnummer{' '}
        {config.companyOrgNumber}), {config.companyAddress}. E-post: {mail}. Mer om hur vi
        behandlar personuppgifter finns i <Link href="/privacy/">integritetspolicyn</Link>.
      </p>
    ),
  },
];

export default function GdprPage() {
  return (
    <LegalPage
      title="Dina rättigheter enligt GDPR"
      version="Version 1.0 (utkast) · Gäller från [datum]"
      intro={
        <p className="lead">
          Dataskyddsförordningen ger dig kontroll över dina personuppgifter. Här går vi igenom
          varje rättighet i artiklarna 15–22 och visar hur du använder den i Wisdom.
        </p>
      }
      sections={sections}
    />
  );
}
