import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, type LegalSection } from '@/components/LegalPage';
import { LegalTable } from '@/components/LegalTable';
import { config } from '@/lib/config';

export const metadata: Metadata = {
  title: 'Integritetspolicy',
  description: 'Hur Wisdom by SoulWisdom behandlar dina personuppgifter.',
};

const mail = <a href={`mailto:${config.contactEmail}`}>{config.contactEmail}</a>;

const sections: LegalSection[] = [
  {
    id: 'om-policyn',
    title: 'Om den här policyn',
    body: (
      <>
        <p>
          Den här integritetspolicyn gäller när du använder Wisdom – appen för Android och iPhone,
          webbappen och den här webbplatsen. Den beskriver vilka personuppgifter vi behandlar, varför
          vi gör det, vilka vi delar uppgifterna med, hur länge vi sparar dem och vilka rättigheter
          du har enligt dataskyddsförordningen (GDPR, förordning (EU) 2016/679).
        </p>
        <p>
          Wisdom är en plattform där oberoende lärare inom välmående och andlig utveckling erbjuder
          kurser, personliga tjänster (till exempel readings och coaching) och betalda
          live-seminarier, och där elever och lärare möts i en gemensam gemenskap. Eftersom det som
          sägs och delas här kan vara personligt har vi försökt skriva policyn så att den går att
          förstå utan juridiska förkunskaper.
        </p>
      </>
    ),
  },
  {
    id: 'ansvarig',
    title: 'Personuppgiftsansvarig och kontakt',
    body: (
      <>
        <p>
          Personuppgiftsansvarig för behandlingen som beskrivs här är {config.companyName}
          (organisationsnummer {config.companyOrgNumber}), {config.companyAddress}. I policyn kallas
          vi ”vi” eller ”SoulWisdom”.
        </p>
        <p>
          Har du frågor om hur vi behandlar dina personuppgifter, eller vill du använda dina
          rättigheter, skriver du till {mail}. Vi svarar utan onödigt dröjsmål och senast inom en
          månad.
        </p>
        <p className="review-note">
          Att granska: om SoulWisdom utser ett dataskyddsombud (artikel 37) ska ombudets
          kontaktuppgifter anges här.
        </p>
      </>
    ),
  },
  {
    id: 'uppgifter',
    title: 'Vilka uppgifter vi behandlar',
    body: (
      <>
        <h3>Konto och profil</h3>
        <p>
          När du skapar ett konto behandlar vi din e-postadress, ditt namn eller visningsnamn, ditt
          lösenord (lagrat endast som ett krypterat hashvärde, aldrig i klartext), din roll (elev,
          lärare eller administratör) och det du själv väljer att skriva i din profil, till exempel
          en profilbild och en presentation. Lärare lämnar dessutom uppgifter om sin verksamhet och
          sitt erbjudande när de ansöker om att bli godkända.
        </p>
        <h3>Kurser</h3>
        <p>
          När du går en kurs behandlar vi vilka kurser du är inskriven i, vilka lektioner du har
          slutfört, dina svar och resultat på kunskapstester samt när du senast var aktiv. Lärare
          ser framsteg och resultat för de elever som går deras kurser.
        </p>
        <h3>Tjänster som readings och coaching</h3>
        <p>
          När du bokar en tjänst behandlar vi bokningen (vilken tjänst, vilken lärare, tid och
          pris) och det du och läraren skriver till varandra inför, under och efter sessionen. Det
          du berättar i samband med en tjänst kan avslöja uppgifter om din hälsa eller din religiösa
          eller filosofiska övertygelse. Sådana uppgifter är känsliga personuppgifter och behandlas
          bara med ditt uttryckliga samtycke, se avsnitt 4.
        </p>
        <h3>Live-seminarier med video</h3>
        <p>
          När du köper en plats på ett seminarium behandlar vi köpet och din plats. När du deltar
          förmedlas bild och ljud i realtid via vår videotjänst LiveKit. Deltagarlistan i
          seminarierummet visar ditt visningsnamn för värden och övriga deltagare. Har du kamera
          eller mikrofon påslagen ser och hör de andra i seminariet dig. Vi spelar inte in
          seminarier. Om en lärare vill spela in ett seminarium ska deltagarna få veta det i förväg,
          och en inspelning får bara göras på de villkor som då anges.
        </p>
        <p>
          För att ansluta får din enhet en tidsbegränsad inbjudan (en åtkomsttoken) som innehåller
          ditt användar-id, ditt visningsnamn och vilket seminarium den gäller. Videotjänsten
          behandlar tekniska uppgifter som IP-adress, uppkopplingskvalitet och tidpunkter för när du
          anslöt och lämnade seminariet.
        </p>
        <h3>Gemenskapen och meddelanden</h3>
        <p>
          Inlägg, kommentarer och reaktioner på den gemensamma väggen syns för andra inloggade
          medlemmar tillsammans med ditt visningsnamn och din profilbild. Direktmeddelanden syns för
          dig och mottagaren. Vi behandlar också anmälningar av innehåll och de beslut vi fattar när
          vi modererar.
        </p>
        <h3>Köp och betalningar</h3>
        <p>
          När du köper en kurs, tjänst eller seminarieplats behandlar vi ordern: vad du köpt, pris,
          moms, datum, betalsätt och betalningens status, samt eventuella återbetalningar.
          Betalningen görs via Stripe. Kortnummer och andra betalningsuppgifter lämnar du direkt
          till Stripe; vi får bara veta att betalningen har gått igenom och till exempel kortets
          typ och de sista fyra siffrorna.
        </p>
        <h3>Utbetalningar till lärare</h3>
        <p>
          Lärare får betalt via Stripe Connect. För att kunna ta emot utbetalningar lämnar läraren
          uppgifter direkt till Stripe om identitet, adress, personnummer eller organisationsnummer
          och bankkonto, så att Stripe kan uppfylla sina krav på kundkännedom. Vi behandlar
          uppgifter om lärarens försäljning, avgifter, utbetalningar och kontots status hos Stripe.
          Vi kan också vara skyldiga att lämna uppgifter om lärares försäljning till Skatteverket
          enligt reglerna om plattformsoperatörers rapporteringsskyldighet (DAC7, rådets direktiv
          (EU) 2021/514).
        </p>
        <h3>Teknisk information och säkerhet</h3>
        <p>
          När du använder tjänsten behandlar vi tekniska uppgifter som IP-adress, tidpunkter för
          inloggning, enhets- och webbläsartyp och felrapporter. Vi använder dem för att hålla
          tjänsten säker och fungerande, till exempel för att upptäcka intrångsförsök och felsöka.
          Vi använder dem inte för reklam och vi säljer aldrig personuppgifter.
        </p>
        <h3>När du kontaktar oss</h3>
        <p>
          Skriver du till oss behandlar vi din e-postadress, det du skriver och vårt svar.
        </p>
      </>
    ),
  },
  {
    id: 'kansliga',
    title: 'Känsliga personuppgifter (artikel 9)',
    body: (
      <>
        <p>
          Wisdom handlar om välmående och andlig utveckling. Det du delar i en reading, en
          coachingsession, ett meddelande eller ett inlägg kan därför avslöja uppgifter om hälsa
          eller om religiös eller filosofisk övertygelse. Sådana uppgifter är särskilda kategorier
          av personuppgifter enligt artikel 9 i GDPR och får bara behandlas om ett undantag gäller.
        </p>
        <p>
          Vi behandlar sådana uppgifter med stöd av ditt <strong>uttryckliga samtycke</strong>{' '}
          (artikel 9.2 a). Innan du bokar en tjänst eller skickar uppgifter till en lärare ber vi dig
          i appen om samtycke till att uppgifter som du själv lämnar får behandlas för att läraren
          ska kunna utföra tjänsten. Samtycket är frivilligt, men utan det kan läraren inte ta emot
          sådana uppgifter genom Wisdom.
        </p>
        <ul>
          <li>Du kan när som helst återkalla ditt samtycke under Profil i appen eller genom att skriva till {mail}. Återkallelsen påverkar inte behandling som skett innan.</li>
          <li>Uppgifterna används bara för att utföra tjänsten och visas bara för dig och den lärare du anlitar.</li>
          <li>Vi använder aldrig känsliga uppgifter för marknadsföring, profilering eller statistik om enskilda.</li>
          <li>
            Gemenskapens vägg är synlig för alla medlemmar. Tänk på det innan du delar något om
            din hälsa eller tro där – det är ditt val, och du kan ta bort ditt inlägg när du vill.
          </li>
        </ul>
        <p className="review-note">
          Att granska: om samtycke är rätt grund för uppgifter som medlemmar själva publicerar på
          väggen, och hur samtycket ska inhämtas och dokumenteras i appen.
        </p>
      </>
    ),
  },
  {
    id: 'andamal',
    title: 'Ändamål och rättslig grund',
    body: (
      <>
        <p>Vi behandlar bara personuppgifter när vi har ett tydligt ändamål och en rättslig grund:</p>
        <LegalTable columns={["Ändamål", "Uppgifter", "Rättslig grund"]} label="Ändamål och rättslig grund">
          <tr>
            <td>Skapa och administrera ditt konto, logga in</td>
            <td>Konto- och profiluppgifter</td>
            <td>Avtal (artikel 6.1 b)</td>
          </tr>
          <tr>
            <td>Ge dig tillgång till kurser och spara dina framsteg</td>
            <td>Kursinskrivningar, framsteg, testresultat</td>
            <td>Avtal (artikel 6.1 b)</td>
          </tr>
          <tr>
            <td>Förmedla bokningar av tjänster och kontakten med läraren</td>
            <td>Bokningar, meddelanden</td>
            <td>Avtal (artikel 6.1 b)</td>
          </tr>
          <tr>
            <td>Behandla hälsa eller övertygelse som du själv delar inom en tjänst</td>
            <td>Känsliga personuppgifter</td>
            <td>Uttryckligt samtycke (artikel 6.1 a och 9.2 a)</td>
          </tr>
          <tr>
            <td>Genomföra live-seminarier med bild och ljud</td>
            <td>Visningsnamn, bild och ljud i realtid, tekniska uppgifter</td>
            <td>Avtal (artikel 6.1 b)</td>
          </tr>
          <tr>
            <td>Driva gemenskapen och direktmeddelanden</td>
            <td>Inlägg, kommentarer, meddelanden</td>
            <td>Avtal (artikel 6.1 b)</td>
          </tr>
          <tr>
            <td>Ta betalt, återbetala och föra bokföring</td>
            <td>Ordrar, betalningar, kvitton</td>
            <td>Avtal (artikel 6.1 b) och rättslig förpliktelse (artikel 6.1 c), bland annat bokföringslagen (1999:1078)</td>
          </tr>
          <tr>
            <td>Betala ut intäkter till lärare och rapportera till Skatteverket</td>
            <td>Försäljning, utbetalningar, identitetsuppgifter</td>
            <td>Avtal (artikel 6.1 b) och rättslig förpliktelse (artikel 6.1 c)</td>
          </tr>
          <tr>
            <td>Moderera innehåll och hantera anmälningar</td>
            <td>Anmält innehåll, beslut, kontouppgifter</td>
            <td>Rättslig förpliktelse (artikel 6.1 c, EU:s förordning om digitala tjänster) och berättigat intresse av en trygg gemenskap (artikel 6.1 f)</td>
          </tr>
          <tr>
            <td>Säkerhet, felsökning och skydd mot missbruk</td>
            <td>Tekniska uppgifter, loggar</td>
            <td>Berättigat intresse av en säker tjänst (artikel 6.1 f)</td>
          </tr>
          <tr>
            <td>Svara på frågor och hantera klagomål</td>
            <td>Kontaktuppgifter, ärendets innehåll</td>
            <td>Berättigat intresse (artikel 6.1 f), vid köp även avtal (artikel 6.1 b)</td>
          </tr>
          <tr>
            <td>Skicka nyhetsbrev, om du har valt det</td>
            <td>E-postadress, namn</td>
            <td>Samtycke (artikel 6.1 a)</td>
          </tr>
        </LegalTable>
        <p>
          När vi stöder oss på berättigat intresse har vi vägt vårt intresse mot ditt intresse av
          skydd för din integritet. Du har rätt att invända mot sådan behandling, se{' '}
          <Link href="/gdpr/#invandning">rätten att invända</Link>.
        </p>
      </>
    ),
  },
  {
    id: 'larare',
    title: 'Lärarnas roll',
    body: (
      <>
        <p>
          Lärarna på Wisdom är oberoende och driver sin egen verksamhet. När du köper en kurs,
          bokar en tjänst eller deltar i ett seminarium får läraren de uppgifter som behövs för att
          leverera det du köpt: ditt visningsnamn, din bokning, dina meddelanden, för kurser dina
          framsteg och testresultat, och för seminarier att du har en plats.
        </p>
        <p>
          Läraren får använda uppgifterna bara för att leverera det du köpt och för att följa
          lagkrav som gäller läraren, och är själv ansvarig för den behandling som sker i den egna
          verksamheten utanför Wisdom, till exempel anteckningar som läraren sparar på egen hand.
          Alla lärare förbinder sig att följa våra villkor för lärare, som innehåller regler om
          tystnadsplikt och dataskydd.
        </p>
        <p className="review-note">
          Att granska: rollfördelningen mellan SoulWisdom och lärarna (gemensamt ansvar enligt
          artikel 26, självständigt ansvar eller biträdesförhållande) och vilket avtal som behövs.
        </p>
      </>
    ),
  },
  {
    id: 'mottagare',
    title: 'Mottagare och personuppgiftsbiträden',
    body: (
      <>
        <p>
          Vi säljer aldrig personuppgifter. Vi delar uppgifter med leverantörer som hjälper oss att
          driva Wisdom (personuppgiftsbiträden) och som bara får behandla uppgifterna enligt våra
          instruktioner och ett personuppgiftsbiträdesavtal, samt med mottagare som själva är
          ansvariga för sin behandling.
        </p>
        <LegalTable columns={["Mottagare", "Vad de gör", "Roll och plats"]} label="Mottagare av personuppgifter">
          <tr>
            <td>Stripe (Stripe Payments Europe, Limited)</td>
            <td>Tar emot betalningar med kort, Klarna och Swish, hanterar återbetalningar och betalar ut till lärare (Stripe Connect)</td>
            <td>Biträde för betalningshanteringen; självständigt ansvarig för bland annat kundkännedom, bedrägeriskydd och sina lagkrav. Irland (EU), med överföringar till USA.</td>
          </tr>
          <tr>
            <td>Klarna Bank AB</td>
            <td>Om du väljer att betala med Klarna: kreditbedömning och betalningen</td>
            <td>Självständigt ansvarig. Sverige (EU).</td>
          </tr>
          <tr>
            <td>Din bank och Getswish AB</td>
            <td>Om du väljer att betala med Swish</td>
            <td>Självständigt ansvariga. Sverige (EU).</td>
          </tr>
          <tr>
            <td>LiveKit</td>
            <td>Förmedlar bild, ljud och deltagarlista i live-seminarier i realtid</td>
            <td>Biträde. LiveKit, Inc. (USA) om vi använder LiveKit Cloud; driver vi videoservern själva sker behandlingen hos vår driftleverantör. [Region fylls i]</td>
          </tr>
          <tr>
            <td>[Driftleverantör – fylls i]</td>
            <td>Servrar för Wisdoms API och databas (PostgreSQL), lagring av bilder och kursmaterial</td>
            <td>Biträde. [Land fylls i]</td>
          </tr>
          <tr>
            <td>[E-postleverantör – fylls i]</td>
            <td>Skickar e-post, till exempel bekräftelser, kvitton och lösenordsåterställning</td>
            <td>Biträde. [Land fylls i]</td>
          </tr>
          <tr>
            <td>Google och Apple</td>
            <td>Tillhandahåller Google Play och App Store där du laddar ned appen</td>
            <td>Självständigt ansvariga enligt sina egna villkor.</td>
          </tr>
          <tr>
            <td>Lärare på Wisdom</td>
            <td>Får de uppgifter som behövs för att leverera det du köpt, se avsnitt 6</td>
            <td>Se avsnitt 6.</td>
          </tr>
          <tr>
            <td>Myndigheter, revisor och rådgivare</td>
            <td>Skatteverket (bland annat DAC7-rapportering), revisor och juridiska rådgivare när lag kräver det eller för att hävda rättsliga anspråk</td>
            <td>Självständigt ansvariga. Sverige.</td>
          </tr>
        </LegalTable>
        <p className="review-note">
          Att granska: fyll i slutliga leverantörer, länder och avtal innan publicering, och håll
          listan aktuell när en leverantör byts.
        </p>
      </>
    ),
  },
  {
    id: 'tredjeland',
    title: 'Överföring till länder utanför EU/EES',
    body: (
      <p>
        Vissa leverantörer, till exempel Stripe och LiveKit, kan behandla uppgifter i USA eller
        andra länder utanför EU/EES. Vi ser till att sådana överföringar har stöd i GDPR: antingen
        ett beslut om adekvat skyddsnivå (till exempel EU–US Data Privacy Framework för
        certifierade företag) eller EU-kommissionens standardavtalsklausuler, kompletterade med
        de skyddsåtgärder som behövs. Du kan få en kopia av skyddsåtgärderna genom att skriva till{' '}
        {mail}.
      </p>
    ),
  },
  {
    id: 'lagring',
    title: 'Hur länge vi sparar uppgifterna',
    body: (
      <>
        <p>
          Vi sparar personuppgifter så länge de behövs för ändamålet, och raderar eller
          avidentifierar dem sedan. Det här gäller:
        </p>
        <LegalTable columns={["Uppgifter", "Hur länge"]} label="Lagringstider">
          <tr>
            <td>Konto, profil, kursframsteg, bokningar och samtycken</td>
            <td>Så länge du har kvar ditt konto. Raderas när du väljer ”Radera mitt konto”, med de undantag som anges nedan.</td>
          </tr>
          <tr>
            <td>Känsliga uppgifter som du delat inom en tjänst</td>
            <td>Tills tjänsten är utförd och eventuella frågor om den är avslutade, längst [12] månader efter sessionen, eller tidigare om du återkallar ditt samtycke eller raderar ditt konto.</td>
          </tr>
          <tr>
            <td>Inlägg, kommentarer och meddelanden</td>
            <td>Tills du tar bort dem eller raderar ditt konto. Meddelanden du skickat finns kvar hos mottagaren utan ditt namn, märkta ”Raderad användare”.</td>
          </tr>
          <tr>
            <td>Bild och ljud i live-seminarier</td>
            <td>Sparas inte. Förmedlas bara i realtid medan seminariet pågår.</td>
          </tr>
          <tr>
            <td>Anslutningsuppgifter för seminarier (när du anslöt och lämnade)</td>
            <td>[90] dagar.</td>
          </tr>
          <tr>
            <td>Ordrar, kvitton, betalningar, återbetalningar och utbetalningar (räkenskapsinformation)</td>
            <td>
              7 år efter utgången av det kalenderår då räkenskapsåret avslutades, enligt
              bokföringslagen (1999:1078) 7 kap. 2 §. Uppgifterna finns kvar även om du raderar
              ditt konto, men används då bara för bokföring och revision.
            </td>
          </tr>
          <tr>
            <td>Uppgifter som rapporterats till Skatteverket (DAC7)</td>
            <td>Den tid lagen om rapporteringsskyldighet kräver.</td>
          </tr>
          <tr>
            <td>Anmälningar och modereringsbeslut</td>
            <td>[12] månader efter beslutet, eller längre om det behövs för ett pågående ärende.</td>
          </tr>
          <tr>
            <td>Säkerhetsloggar</td>
            <td>[90] dagar, längre bara om de behövs för att utreda en säkerhetsincident.</td>
          </tr>
          <tr>
            <td>E-post till oss</td>
            <td>[24] månader efter att ärendet avslutats.</td>
          </tr>
          <tr>
            <td>Säkerhetskopior</td>
            <td>Skrivs över inom [30] dagar; raderade uppgifter försvinner därmed också ur säkerhetskopiorna.</td>
          </tr>
        </LegalTable>
      </>
    ),
  },
  {
    id: 'sakerhet',
    title: 'Säkerhet',
    body: (
      <p>
        Vi skyddar uppgifterna med tekniska och organisatoriska åtgärder: krypterad trafik (TLS),
        lösenord som bara lagras som hashvärden, behörighetsstyrning så att lärare och
        administratörer bara ser det de behöver, tidsbegränsade inbjudningar till seminarier,
        loggning av åtkomst och regelbundna säkerhetskopior. Skulle en personuppgiftsincident
        ändå inträffa anmäler vi den till Integritetsskyddsmyndigheten inom 72 timmar när det
        krävs, och informerar dig om den kan innebära en hög risk för dig.
      </p>
    ),
  },
  {
    id: 'cookies',
    title: 'Cookies och lagring på din enhet',
    body: (
      <>
        <p>
          Den här webbplatsen använder inga cookies, inga spårare och inga analysverktyg. Typsnitt,
          bilder och ikoner hämtas från webbplatsen själv och inte från någon annan.
        </p>
        <p>
          Appen sparar din inloggning på din enhet så att du slipper logga in varje gång. Det är
          nödvändigt för att tjänsten ska fungera och kräver därför inget samtycke. Seminarierummet
          på webben läser sin inbjudan från adressens del efter #-tecknet, som din webbläsare
          aldrig skickar till någon server.
        </p>
      </>
    ),
  },
  {
    id: 'barn',
    title: 'Åldersgräns',
    body: (
      <p>
        Wisdom är till för dig som har fyllt 18 år. Vi samlar inte medvetet in uppgifter om barn.
        Får vi veta att någon under 18 år har skapat ett konto raderar vi kontot.
      </p>
    ),
  },
  {
    id: 'rattigheter',
    title: 'Dina rättigheter',
    body: (
      <>
        <p>Enligt GDPR har du rätt att</p>
        <ul>
          <li>få tillgång till dina uppgifter och en kopia av dem (artikel 15) – i appen med <strong>”Exportera mina uppgifter”</strong>,</li>
          <li>få felaktiga uppgifter rättade (artikel 16),</li>
          <li>få dina uppgifter raderade (artikel 17) – i appen med <strong>”Radera mitt konto”</strong>,</li>
          <li>begära att behandlingen begränsas (artikel 18),</li>
          <li>få dina uppgifter i ett maskinläsbart format och föra dem vidare (artikel 20),</li>
          <li>invända mot behandling som grundar sig på berättigat intresse (artikel 21),</li>
          <li>inte bli föremål för automatiserade beslut med rättsliga följder (artikel 22),</li>
          <li>när som helst återkalla ett samtycke (artikel 7.3).</li>
        </ul>
        <p>
          Hur du använder varje rättighet, steg för steg, står på sidan{' '}
          <Link href="/gdpr/">Dina rättigheter enligt GDPR</Link>.
        </p>
      </>
    ),
  },
  {
    id: 'klagomal',
    title: 'Klagomål till Integritetsskyddsmyndigheten',
    body: (
      <>
        <p>
          Hör gärna av dig till oss först om du är missnöjd med hur vi behandlar dina
          personuppgifter. Du har alltid rätt att lämna klagomål till tillsynsmyndigheten:
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
      </>
    ),
  },
  {
    id: 'andringar',
    title: 'Ändringar i policyn',
    body: (
      <p>
        Vi uppdaterar policyn när tjänsten eller lagen ändras. Vid väsentliga ändringar meddelar vi
        dig i appen eller via e-post innan ändringen börjar gälla. Datum och version för den
        gällande policyn står överst på sidan.
      </p>
    ),
  },
];

export default function PrivacyPage() {
  return (
    <LegalPage
      title="Integritetspolicy"
      version="Version 1.0 (utkast) · Gäller från [datum]"
      intro={
        <p className="lead">
          Din integritet är viktig för oss. Här beskriver vi öppet hur Wisdom behandlar dina
          personuppgifter – särskilt det personliga du delar med dina lärare.
        </p>
      }
      sections={sections}
    />
  );
}
