import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, type LegalSection } from '@/components/LegalPage';
import { config } from '@/lib/config';

export const metadata: Metadata = {
  title: 'Användarvillkor',
  description: 'Villkoren för att använda Wisdom by SoulWisdom som elev eller lärare.',
};

const mail = <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>;

const sections: LegalSection[] = [
  {
    id: 'parter',
    title: 'Om villkoren och parterna',
    body: (
      <>
        <p>
          Dessa villkor gäller mellan dig och {config.companyName} (organisationsnummer{' '}
          {config.companyOrgNumber}, {config.companyAddress}), som tillhandahåller Wisdom – appen,
          webbappen och webbplatsen. Genom att skapa ett konto godkänner du villkoren. Läs dem
          gärna i lugn och ro; de är skrivna för att vara begripliga.
        </p>
        <p>
          Wisdom är en marknadsplats. Kurser, tjänster och seminarier skapas och hålls av
          oberoende lärare. När du köper något av en lärare ingår du avtalet om själva innehållet
          med läraren, medan SoulWisdom tillhandahåller plattformen, tar emot betalningen för
          lärarens räkning och ansvarar för att köpet genomförs tekniskt.
        </p>
        <p className="review-note">
          Att granska: försäljningsmodellen (SoulWisdom som förmedlare för lärarens räkning eller
          som säljare i eget namn) avgör vem som är konsumentens motpart, hur moms redovisas och
          vem som ansvarar för reklamationer. Texten utgår från förmedlarmodellen.
        </p>
      </>
    ),
  },
  {
    id: 'definitioner',
    title: 'Ord vi använder',
    body: (
      <ul>
        <li><strong>Elev</strong>: den som använder Wisdom för att gå kurser, boka tjänster, delta i seminarier eller i gemenskapen.</li>
        <li><strong>Lärare</strong>: den som efter godkännande av SoulWisdom erbjuder kurser, tjänster eller seminarier på Wisdom.</li>
        <li><strong>Kurs</strong>: digitalt innehåll i form av moduler, lektioner och kunskapstester. En introduktionskurs är kostnadsfri.</li>
        <li><strong>Tjänst</strong>: en personlig session som en lärare utför för dig, till exempel en reading eller coaching.</li>
        <li><strong>Seminarium</strong>: ett betalt evenemang som sänds live med bild och ljud vid en bestämd tid.</li>
        <li><strong>Gemenskapen</strong>: den gemensamma väggen med inlägg och kommentarer samt direktmeddelanden.</li>
      </ul>
    ),
  },
  {
    id: 'konto',
    title: 'Ditt konto',
    body: (
      <ul>
        <li>Du måste ha fyllt 18 år för att skapa ett konto.</li>
        <li>Uppgifterna du lämnar ska vara korrekta. Kontot är personligt och får inte delas med någon annan.</li>
        <li>Du ansvarar för att hålla ditt lösenord hemligt. Misstänker du att någon annan använt ditt konto ska du genast byta lösenord och kontakta oss.</li>
        <li>
          Du kan när som helst avsluta ditt konto i appen med ”Radera mitt konto”. Vad som då
          raderas och vad som måste sparas enligt lag står i{' '}
          <Link href="/privacy/#lagring">integritetspolicyn</Link>.
        </li>
      </ul>
    ),
  },
  {
    id: 'larare',
    title: 'Att vara lärare på Wisdom',
    body: (
      <>
        <ul>
          <li>Du ansöker om att bli lärare i appen. SoulWisdom prövar ansökan och kan godkänna eller avslå den utan att ange skäl.</li>
          <li>Du ansvarar för ditt innehåll och för att det du erbjuder beskrivs korrekt, med pris, omfattning, längd och vad eleven kan förvänta sig.</li>
          <li>Du bestämmer själv dina priser. Priser anges i svenska kronor inklusive moms när moms ska betalas.</li>
          <li>
            Du driver din verksamhet självständigt och ansvarar för din egen skatt, moms,
            F-skattsedel och de tillstånd din verksamhet kräver.
          </li>
          <li>
            Betalningar från elever tas emot via Stripe och betalas ut till ditt bankkonto via
            Stripe Connect, efter avdrag för SoulWisdoms plattformsavgift på [X] procent och
            Stripes avgifter. Du behöver ett godkänt Stripe-konto för att få utbetalningar.
            Utbetalning sker [tidpunkt fylls i] efter att köpet genomförts, och kan hållas inne
            om ett köp återbetalas eller ifrågasätts.
          </li>
          <li>
            Du får använda elevers personuppgifter bara för att leverera det eleven köpt, ska
            behandla det som sägs i personliga sessioner konfidentiellt och ska följa
            dataskyddsförordningen.
          </li>
          <li>Du får inte hänvisa elever till att betala utanför Wisdom för sådant som köps via Wisdom.</li>
          <li>
            SoulWisdom kan vara skyldigt att lämna uppgifter om din försäljning till Skatteverket
            enligt reglerna om plattformsoperatörers rapporteringsskyldighet (DAC7).
          </li>
        </ul>
        <p className="review-note">
          Att granska: plattformsavgift, utbetalningstider och om ett separat lärar- och
          biträdesavtal ska tecknas.
        </p>
      </>
    ),
  },
  {
    id: 'kurser',
    title: 'Kurser',
    body: (
      <>
        <p>
          När du köpt en kurs får du tillgång till den så länge kursen finns på Wisdom och ditt
          konto är aktivt. Kostnadsfria introduktionskurser kan du gå utan att betala. Kursen är
          för ditt personliga bruk: du får inte kopiera, sprida eller sälja vidare materialet.
        </p>
        <p>
          Tar en lärare bort en kurs som du har betalat för, behåller du tillgången i minst [12]
          månader från köpet eller får pengarna tillbaka för den tid som återstår.
        </p>
      </>
    ),
  },
  {
    id: 'tjanster',
    title: 'Tjänster som readings och coaching',
    body: (
      <>
        <p>
          När du bokar en tjänst bekräftas bokningen i appen efter betalning. Läraren utför
          tjänsten vid den tid och på det sätt som anges i bokningen.
        </p>
        <ul>
          <li>Avbokar du senast 24 timmar före den bokade tiden får du hela beloppet tillbaka.</li>
          <li>Avbokar du senare, eller uteblir du, får du inte pengarna tillbaka, om inte läraren går med på det.</li>
          <li>Om läraren ställer in får du alltid hela beloppet tillbaka, eller en ny tid om du hellre vill det.</li>
        </ul>
      </>
    ),
  },
  {
    id: 'seminarier',
    title: 'Live-seminarier',
    body: (
      <>
        <ul>
          <li>Ett seminarium har ett begränsat antal platser. Din plats är bekräftad när betalningen har gått igenom.</li>
          <li>
            Du ansluter från appen eller via en personlig länk till seminarierummet. Länken
            innehåller en tidsbegränsad inbjudan som bara gäller dig och får inte delas.
          </li>
          <li>Bild och ljud förmedlas via videotjänsten LiveKit. Du behöver en stabil internetanslutning och en aktuell webbläsare eller appen.</li>
          <li>Värden bestämmer om deltagarna får använda mikrofon och kamera. Du väljer själv om du slår på dem när du får.</li>
          <li>Du får inte spela in, filma av eller sprida seminariet utan värdens och de andra deltagarnas tillåtelse.</li>
          <li>Om läraren ställer in eller flyttar ett seminarium får du hela beloppet tillbaka, eller en plats vid den nya tiden om du vill.</li>
          <li>Avbokar du själv senast 48 timmar före start får du hela beloppet tillbaka. Därefter återbetalas inte platsen.</li>
          <li>Om seminariet inte kan genomföras på grund av tekniska fel hos Wisdom får du pengarna tillbaka.</li>
        </ul>
      </>
    ),
  },
  {
    id: 'betalning',
    title: 'Priser och betalning',
    body: (
      <>
        <p>
          Alla priser anges i svenska kronor (SEK) inklusive moms när moms ska betalas. Du betalar
          i appen med kort, Klarna eller Swish. Betalningarna hanteras av Stripe, och när du
          betalar med Klarna gäller även Klarnas villkor. Vi sparar aldrig ditt fullständiga
          kortnummer.
        </p>
        <p>
          Du får en orderbekräftelse och ett kvitto i appen och via e-post. Återbetalningar görs
          till samma betalsätt som du använde, normalt inom 14 dagar från att vi godkänt dem.
        </p>
      </>
    ),
  },
  {
    id: 'angerratt',
    title: 'Ångerrätt',
    body: (
      <>
        <p>
          Som konsument har du enligt lagen (2005:59) om distansavtal och avtal utanför
          affärslokaler normalt ångerrätt i 14 dagar från köpet. För det du köper på Wisdom gäller
          följande:
        </p>
        <ul>
          <li>
            <strong>Kurser (digitalt innehåll).</strong> Vill du börja kursen direkt ber vi dig i
            samband med köpet att samtycka till att leveransen påbörjas och bekräfta att du då
            förlorar din ångerrätt. Har du inte börjat kursen kan du ångra köpet inom 14 dagar.
          </li>
          <li>
            <strong>Tjänster.</strong> Du kan ångra köpet inom 14 dagar. Har du bett att tjänsten
            ska utföras under ångerfristen och ångrar dig efter att den påbörjats betalar du för
            den del som utförts. Ångerrätten upphör när tjänsten är helt utförd, om du samtyckt till
            det och bekräftat att ångerrätten då upphör.
          </li>
          <li>
            <strong>Seminarier.</strong> Ett seminarium är en fritidsaktivitet som ska äga rum en
            bestämd dag, och därför gäller inte ångerrätten (2 kap. 11 § distansavtalslagen). Du kan
            i stället avboka enligt avsnitt 7.
          </li>
        </ul>
        <p>
          Vill du ångra ett köp skriver du till {mail} eller använder ångerknappen vid ordern i
          appen. Du kan också använda Konsumentverkets standardformulär för ånger. Vi betalar
          tillbaka senast 14 dagar efter att vi fått ditt meddelande.
        </p>
      </>
    ),
  },
  {
    id: 'reklamation',
    title: 'Fel och reklamation',
    body: (
      <p>
        Om en kurs, tjänst eller ett seminarium inte motsvarar beskrivningen har du rätt att
        reklamera enligt konsumentlagstiftningen, bland annat lagen om avtal om tillhandahållande
        av digitalt innehåll och digitala tjänster och konsumenttjänstlagen (1985:716). Kontakta
        först läraren via appen. Får ni inte ordning på det, skriv till {mail} inom skälig tid
        efter att du märkt felet, så hjälper vi till.
      </p>
    ),
  },
  {
    id: 'upphovsratt',
    title: 'Innehåll och upphovsrätt',
    body: (
      <>
        <p>
          Lärare behåller upphovsrätten till sina kurser och sitt material. Du behåller
          upphovsrätten till det du själv publicerar. Genom att publicera innehåll på Wisdom ger du
          SoulWisdom en icke-exklusiv, avgiftsfri rätt att lagra, visa och tekniskt anpassa
          innehållet så länge det behövs för att tillhandahålla tjänsten. Rätten upphör när du tar
          bort innehållet eller ditt konto.
        </p>
        <p>
          Du får bara publicera sådant som du har rätt att publicera. Namnet Wisdom, logotypen och
          plattformens utformning tillhör SoulWisdom.
        </p>
      </>
    ),
  },
  {
    id: 'gemenskap',
    title: 'Gemenskapen och god ton',
    body: (
      <>
        <p>Wisdom ska vara en trygg och varm plats. I gemenskapen, i meddelanden och i seminarier får du inte</p>
        <ul>
          <li>trakassera, hota, förolämpa eller förfölja någon, eller uttrycka hat mot en person eller grupp,</li>
          <li>publicera olagligt innehåll, sexuellt innehåll eller våldsamt innehåll,</li>
          <li>dela andras personuppgifter, bilder eller privata samtal utan tillåtelse,</li>
          <li>påstå att en tjänst kan bota sjukdom eller ersätta vård, eller avråda någon från att söka vård,</li>
          <li>skicka reklam, spam eller kedjebrev, eller sälja något utanför Wisdoms funktioner för försäljning,</li>
          <li>utge dig för att vara någon annan eller försöka ta dig in i andras konton eller i tjänsten.</li>
        </ul>
      </>
    ),
  },
  {
    id: 'moderering',
    title: 'Anmälan av innehåll och moderering',
    body: (
      <>
        <p>
          Ser du något som bryter mot villkoren eller mot lag kan du anmäla det med
          anmälningsfunktionen i appen eller genom att skriva till {mail}. Ange gärna var innehållet
          finns och varför du anmäler det. Vi bedömer anmälningar skyndsamt, objektivt och omsorgsfullt.
        </p>
        <p>
          Om vi tar bort ditt innehåll eller begränsar ditt konto får du ett meddelande med skälen
          till beslutet och hur du kan begära att vi prövar det igen. Du kan begära omprövning inom
          sex månader genom att svara på meddelandet. Vi följer EU:s förordning om digitala
          tjänster (förordning (EU) 2022/2065) i den mån den gäller för oss.
        </p>
      </>
    ),
  },
  {
    id: 'inte-vard',
    title: 'Välmående är inte vård',
    body: (
      <>
        <p>
          Kurser, readings, coaching och seminarier på Wisdom är till för personlig utveckling och
          välmående. De är inte hälso- och sjukvård, psykoterapi eller medicinsk rådgivning och
          ersätter inte kontakt med vården. Lärarna är inte legitimerad vårdpersonal om de inte
          själva uttryckligen anger det.
        </p>
        <p>
          Mår du dåligt eller behöver råd om din hälsa, kontakta 1177 Vårdguiden. Vid akut fara för
          liv eller hälsa, ring 112. Har du tankar på att ta ditt liv kan du ringa Mind
          Självmordslinjen på 90101.
        </p>
      </>
    ),
  },
  {
    id: 'tillganglighet',
    title: 'Tjänstens tillgänglighet och ändringar',
    body: (
      <p>
        Vi arbetar för att Wisdom ska fungera utan avbrott, men kan inte lova det. Vi kan behöva
        göra underhåll, uppdatera appen eller ändra funktioner. Ändringar som påverkar något du
        har betalat för försämrar inte det du köpt utan att du får pengarna tillbaka för det som
        inte kan levereras.
      </p>
    ),
  },
  {
    id: 'ansvar',
    title: 'Ansvar',
    body: (
      <>
        <p>
          Läraren ansvarar för innehållet i sina kurser, tjänster och seminarier. SoulWisdom
          ansvarar för att plattformen och betalningarna fungerar med skälig omsorg.
        </p>
        <p>
          SoulWisdom ansvarar inte för indirekta skador, till exempel utebliven vinst, och inte för
          förseningar eller fel som beror på omständigheter utanför vår kontroll, till exempel
          avbrott hos internetleverantörer, strejk, myndighetsbeslut eller naturhändelser.
          Begränsningarna gäller inte om vi har varit grovt vårdslösa eller handlat med uppsåt,
          och de inskränker aldrig dina rättigheter som konsument enligt tvingande lag.
        </p>
      </>
    ),
  },
  {
    id: 'uppsagning',
    title: 'Avstängning och uppsägning',
    body: (
      <p>
        Du kan avsluta ditt konto när du vill. Vi kan stänga av eller avsluta ett konto som
        allvarligt eller upprepat bryter mot villkoren eller mot lag, eller om det behövs för att
        skydda andra användare. Innan vi gör det varnar vi, om det inte är uppenbart olämpligt. Du
        får ett motiverat beslut och kan begära omprövning enligt avsnitt 13. Avslutas ditt konto
        av skäl som inte beror på dig får du tillbaka pengarna för sådant du betalat men inte fått.
      </p>
    ),
  },
  {
    id: 'personuppgifter',
    title: 'Personuppgifter',
    body: (
      <p>
        Hur vi behandlar dina personuppgifter beskrivs i vår{' '}
        <Link href="/privacy/">integritetspolicy</Link>, och hur du använder dina rättigheter
        beskrivs på sidan <Link href="/gdpr/">Dina rättigheter enligt GDPR</Link>.
      </p>
    ),
  },
  {
    id: 'andringar',
    title: 'Ändringar av villkoren',
    body: (
      <p>
        Vi kan ändra villkoren, till exempel när tjänsten utvecklas eller lagen ändras. Väsentliga
        ändringar meddelar vi i appen eller via e-post minst 30 dagar innan de börjar gälla. Om du
        inte godtar ändringarna kan du avsluta ditt konto innan dess. Köp som redan gjorts
        påverkas inte.
      </p>
    ),
  },
  {
    id: 'tvister',
    title: 'Tillämplig lag och tvister',
    body: (
      <>
        <p>
          Svensk lag gäller för villkoren. Hör av dig till oss först om du är missnöjd, så försöker
          vi hitta en lösning tillsammans. Som konsument kan du också vända dig till Allmänna
          reklamationsnämnden (ARN), Box 174, 101 23 Stockholm,{' '}
          <a href="https://www.arn.se">www.arn.se</a>. Vi följer ARN:s rekommendationer. En tvist
          kan också prövas av allmän domstol.
        </p>
        <p>
          Din kommuns konsumentvägledning och Konsumentverkets upplysningstjänst Hallå konsument
          kan ge dig råd.
        </p>
      </>
    ),
  },
  {
    id: 'kontakt',
    title: 'Kontakt',
    body: (
      <p>
        {config.companyName}, {config.companyAddress}. E-post: {mail}.
      </p>
    ),
  },
];

export default function TermsPage() {
  return (
    <LegalPage
      title="Användarvillkor"
      version="Version 1.0 (utkast) · Gäller från [datum]"
      intro={
        <p className="lead">
          Villkoren för dig som använder Wisdom – som elev eller som lärare. Här står vad du kan
          förvänta dig av oss, vad vi förväntar oss av dig och vad som gäller när du köper något.
        </p>
      }
      sections={sections}
    />
  );
}
