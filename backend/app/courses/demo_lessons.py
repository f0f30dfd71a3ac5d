"""The demo courses' lesson texts (Markdown, Swedish): short but real lessons, so that a new
student who opens a demo course reads something worth reading. The seed puts each under a
heading with the lesson's title."""

WHY_MEDITATE = """\
Meditation är träning i uppmärksamhet. Precis som en muskel blir starkare av att användas blir
förmågan att vara närvarande starkare av att övas, en liten stund i taget.

Många börjar meditera för att de vill känna sig lugnare, sova bättre eller hantera stress. Det
är goda skäl. Men meditation handlar inte om att tömma huvudet på tankar eller att alltid känna
sig harmonisk. Den handlar om att lägga märke till vad som händer just nu – i kroppen, i
andningen och i sinnet – utan att genast behöva göra något åt det.

## Vad du kan vänta dig

- **De första veckorna** märker du kanske mest hur rastlöst sinnet är. Det är inget
  misslyckande, det är själva övningen.
- **Efter en tid** blir det lättare att märka när du har dragits med av en tanke, och lättare
  att komma tillbaka.
- **I vardagen** visar sig övningen ofta som en kort paus innan du reagerar.

## Övning: tre minuter

Sätt dig bekvämt med rak men avslappnad rygg. Ställ en timer på tre minuter. Blunda eller sänk
blicken, och lägg märke till hur det känns att sitta här. Det är allt. När timern ringer: lägg
märke till hur du mår nu, jämfört med innan.
"""

BREATH_AS_ANCHOR = """\
Andningen finns alltid med dig, och den sker just nu. Därför är den ett utmärkt ankare för
uppmärksamheten: något att vila i och något att återvända till.

Sitt bekvämt och låt andningen komma och gå av sig själv. Du behöver inte andas på något
särskilt sätt. Välj en plats där du känner andningen tydligt – vid näsborrarna, i bröstet eller
i magen – och låt uppmärksamheten vila där.

## När tankarna vandrar

Förr eller senare kommer du att märka att du tänker på något helt annat. Det är så sinnet
fungerar. Ögonblicket då du märker det är ett ögonblick av närvaro. Notera vänligt vart
tankarna gick, till exempel "planerar" eller "minns", och återvänd sedan till andningen.

Du kommer att göra det här många gånger under en enda meditation. Varje gång du återvänder
stärker du din uppmärksamhet.

## Övning: räkna andetag

1. Räkna tyst "ett" på nästa utandning, "två" på nästa, och så vidare upp till tio.
2. Börja om från ett när du kommer till tio.
3. Tappar du räkningen börjar du bara om från ett, utan att döma dig själv.

Öva i fem minuter om dagen den här veckan.
"""

BODY_SCAN = """\
I kroppsskanningen låter du uppmärksamheten vandra långsamt genom kroppen, del för del. Syftet
är inte att slappna av (även om det ofta blir så), utan att lägga märke till hur kroppen känns
just nu.

Lägg dig ner på rygg eller sitt bekvämt. Ta några lugna andetag och känn kontakten med
underlaget.

## Så gör du

- För uppmärksamheten till fötterna. Lägg märke till värme, kyla, tryck, pirrande – eller att du
  inte känner något särskilt alls. Båda är lika rätt.
- Låt uppmärksamheten flytta uppåt: vaderna, knäna, låren, höfterna.
- Fortsätt genom magen, bröstet, ryggen, händerna, armarna, axlarna, nacken och ansiktet.
- Stanna några andetag i varje område innan du går vidare.

## Spänningar och obehag

Möter du spänning eller obehag, pröva att andas mot det området en stund. Du behöver inte få
det att försvinna. Att se på det med nyfikenhet i stället för motstånd förändrar ofta
upplevelsen.

Avsluta med att känna hela kroppen på en gång, som en helhet som andas.
"""

SOUNDS_AND_THOUGHTS = """\
När andningen har blivit ett tryggt ankare kan du vidga uppmärksamheten. I den här lektionen
övar du på att låta ljud, tankar och känslor komma och gå, utan att hålla fast vid dem.

## Ljud

Sitt stilla och lyssna. Låt ljuden komma till dig i stället för att leta efter dem: trafik,
fåglar, ett kylskåp som surrar, din egen andning. Lägg märke till hur ett ljud börjar, varar
och tonar bort. Du behöver inte namnge eller värdera det.

## Tankar som moln

Pröva att se på tankarna på samma sätt som på ljuden. En tanke dyker upp, stannar en stund och
försvinner. Föreställ dig att du ligger i gräset och ser molnen driva förbi på himlen. Du är
himlen, tankarna är molnen.

## Känslor i kroppen

En känsla som oro eller glädje har nästan alltid en plats i kroppen. Var känns den? Är den
varm, tung, fladdrande? Att möta känslan i kroppen gör den ofta lättare att bära.

Öva tio minuter: tre minuter med andningen, tre med ljuden och fyra med det som dyker upp.
"""

EVERYDAY_MEDITATION = """\
Den viktigaste meditationen är kanske inte den du gör på kudden, utan den du tar med dig ut i
dagen. Här är några sätt att väva in närvaro i det du redan gör.

## Små stunder av närvaro

- **Tre andetag** innan du öppnar mejlen, svarar i telefon eller går in i ett möte.
- **Medvetet ätande:** smaka de första tuggorna av måltiden på riktigt.
- **Gående meditation:** känn fötterna mot marken på väg till bussen.
- **Diskmeditation:** värmen i vattnet, doften av diskmedel, ljudet av porslin.

## En hållbar vana

Det är bättre att meditera fem minuter varje dag än en timme en gång i månaden. Välj en fast
tid, gärna i anslutning till något du redan gör, som morgonkaffet. Var vänlig mot dig själv de
dagar det inte blir av, och börja igen nästa dag.

## Vägen vidare

Du har nu övat andningen som ankare, kroppsskanning, öppen närvaro och vardagsmeditation. Välj
den övning som passar dig bäst och gör den till din egen. Grattis till att ha gått hela
introduktionen!
"""

WHAT_IS_YIN = """\
Yinyoga är en lugn form av yoga där du stannar länge i varje position, ofta tre till fem
minuter. Musklerna får slappna av, och belastningen når i stället bindväven: senor, ligament
och fascia kring lederna.

Där en snabbare yogaform är *yang* – aktiv, värmande och muskulär – är yin stilla, svalkande
och mottaglig. Båda behövs, och många märker att yin är precis det som saknas i en stressig
vardag.

## Tre principer

1. **Hitta ett lagom djup.** Gå in i positionen tills du känner en tydlig men behaglig
   stretch. Aldrig smärta.
2. **Bli stilla.** När du har hittat din plats, låt kroppen vila där utan att pressa.
3. **Stanna kvar.** Låt tiden göra arbetet. Andas lugnt och låt kroppen mjukna av sig själv.

## Att tänka på

Ta hjälp av kuddar, filtar och block. De gör positionen mjukare och låter dig stanna längre.
Kom långsamt ur varje position och vila en stund innan nästa.
"""

HIPS_AND_LOWER_BACK = """\
Höfterna och ländryggen bär mycket av vardagens spänningar, särskilt om du sitter mycket. I den
här lektionen går vi igenom tre positioner som mjukar upp området. Stanna tre till fem minuter i
varje.

## Fjärilen

Sitt med fotsulorna mot varandra och knäna utåt. Luta dig långsamt framåt med rund rygg. Lägg
gärna en kudde under knäna eller pannan.

## Sfinxen

Ligg på magen och res dig upp på underarmarna, armbågarna under axlarna. Låt ländryggen vila i
en mjuk bakåtböjning. Känns det för mycket, för armbågarna längre fram.

## Liggande vridning

Ligg på rygg, dra knäna mot bröstet och låt dem falla åt ena sidan. Sträck ut armarna och vänd
gärna huvudet åt motsatt håll. Byt sida efter halva tiden.

Avsluta med fem minuter i vila på rygg. Lägg märke till hur höfter och rygg känns nu, jämfört
med innan passet.
"""

MAJOR_ARCANA = """\
En tarotlek har 78 kort: 22 i stora arkanan och 56 i lilla arkanan. De 22 korten i stora
arkanan berättar om en resa – från Narren, som står vid början av allt med ett knyte över
axeln, till Världen, där en cykel fullbordas.

## Narrens resa

Man kan läsa stora arkanan som en berättelse om att växa. Narren möter Magikern (viljan och
förmågan), Översteprästinnan (intuitionen), Kejsarinnan (omsorgen och skaparkraften) och många
fler. Varje kort är ett skede eller en kraft som finns i varje människas liv.

## Att lära känna korten

- Titta på bilden innan du läser om kortet. Vad ser du? Vad känner du?
- Skriv ner tre ord för varje kort. Dina egna ord är ofta de mest träffande.
- Lägg märke till färger, riktningar och symboler som återkommer mellan korten.

## Övning

Dra ett kort ur stora arkanan varje morgon den här veckan. Fundera över hur kortets tema kan
visa sig under dagen, och skriv några rader på kvällen om vad du såg.
"""

FIRST_SPREAD = """\
Nu är det dags för din första läggning. Vi börjar med en av de enklaste och mest användbara:
tre kort för dåtid, nutid och framtid.

## Förbered dig

Hitta en lugn plats och ta några andetag. Formulera en öppen fråga, till exempel "Vad behöver
jag veta om min arbetssituation?" i stället för en ja- eller nejfråga. Blanda korten medan du
håller frågan i tankarna.

## Läggningen

1. **Dåtid:** det som har format situationen.
2. **Nutid:** det som är viktigast just nu.
3. **Framtid:** vart det är på väg om inget förändras.

## Att tolka

Läs först varje kort för sig, och se sedan på helheten. Hur hänger korten ihop? Finns det en
rörelse från det första till det sista? Lita på dina första intryck, och kom ihåg att
framtidskortet visar en riktning, inte ett öde. Du kan alltid välja annorlunda.

Skriv ner läggningen och din tolkning. Om några veckor är det spännande att läsa den igen.
"""
