# De weigeringen van het knooppunt, één bericht per probleemcode (`/problems/{code}`).
# Waarden komen al als tekst: id's, datums (JJJJ-MM-DD), bedragen met hun munt;
# statussen (applicant, validated…) blijven die van de API.

member-cannot-open-activity = lid { $member } is { $status }: alleen een lid met een betaald aandeel kan een activiteit openen
activity-closed = activiteit { $activity } is afgesloten

email-taken = er bestaat al een lid met e-mailadres { $email }
member-without-identity = lid { $member } heeft geen rijksregisternummer en geboortedatum: de aangifte van indiensttreding heeft ze nodig

transfer-not-federated = ledenoverdrachten vereisen de instellingen van de federatie: federation.node, federation.key_file en federation.peers_file
transfer-to-itself = { $destination } is dit kantoor: een overdracht gaat naar een ander
transfer-unknown-destination = er is geen kantoor { $destination } ingeschreven bij de sleutels van de federatie
member-cannot-move = lid { $member } is { $status }: alleen een lid in orde kan naar een ander kantoor overstappen
transfer-already-open = lid { $member } heeft al een lopende overdracht
transfer-expired = overdracht { $transfer } is verlopen
transfer-closed = overdracht { $transfer } is { $status }: de stap { $step } kan niet meer
transfer-wrong-side = dit kantoor is de { $side } van overdracht { $transfer }, die de stap { $step } niet kan zetten
transfer-shares-rule-differs = overdracht { $transfer }: de aandelenregel van het kantoor van herkomst is { $theirs }, die van dit kantoor { $ours }
transfer-cannot-carry-shares = overdracht { $transfer }: aandelen van { $theirs } kunnen geen aandelen van { $ours } worden
settlement-above-balance = { $amount } vereffenen ({ $direction }) met kantoor { $office } is meer dan de { $owed } die in die richting verschuldigd zijn

member-cannot-invoice = het lid van de activiteit is { $status }: alleen een lid kan factureren
draft-has-no-e-invoice = een ontwerp heeft geen e-factuur: geef het eerst uit

member-cannot-declare-work = het lid van de activiteit is { $status }: alleen een lid kan werk aangeven
declaration-already-decided = een aangifte die { $status } is, kan niet { $decision } worden
work-already-started = het werk van { $start } is al begonnen: de aangifte van indiensttreding moet eraan voorafgaan
budget-too-small = het budget van de activiteit is { $available }: het kan geen { $budget } betalen voor dit werk
contract-motive-required = een arbeidsovereenkomst van bepaalde duur vermeldt haar reden: geef motive.code, een van { $allowed }
contract-motive-not-accepted = deze overeenkomst vermeldt geen reden: laat motive weg
contract-motive-unknown = { $field }: '{ $value }' is niet een van { $allowed }
contract-motive-incomplete = { $field } is vereist voor de reden { $code }
contract-motive-unexpected = { $field } geldt niet voor de reden { $code }
contract-motive-too-long = { $field } is langer dan { $max } tekens
classification-too-long = classification is langer dan { $max } tekens
no-pack-for-legislation = het werk valt onder de socialezekerheidswetgeving van { $state }, en geen landenpakket berekent die (beschikbaar: { $available })
worker-kind-not-in-legislation = het werk valt onder de wetgeving van { $state }, waarvan het pakket geen werknemerssoort '{ $category }' kent: geef een van { $allowed }
legislation-currency = het werk valt onder de wetgeving van { $state }, waarvan het pakket in { $currency } betaalt: dit knooppunt boekt in { $node_currency }

not-acknowledged = de IN-aangifte { $declaration } heeft nog geen ontvangstbewijs: registreer eerst haar periodenummers met PUT /hiring-declarations/{ $declaration }/acknowledgement, want een OUT of CANCEL vermeldt ze
not-an-in-declaration = aangifte { $declaration } is een { $action }: alleen een IN krijgt periodenummers
already-acknowledged = aangifte { $declaration } heeft al een ontvangstbewijs
contract-not-active = contract { $contract } is { $status }
contract-started = contract { $contract } is begonnen op { $starts_at }: een contract wordt vóór het werk geannuleerd en erna beëindigd
contract-kind-not-cancellable = een { $kind }-contract wordt niet op zichzelf geannuleerd
contract-ends-with-its-work = een { $kind }-contract eindigt met zijn werk: annuleer het voordat het begint
salary-already-paid = het loon van { $period } is betaald: het contract kan pas in een latere maand eindigen
no-days-to-change = een { $kind }-contract heeft geen dagen om te wijzigen
hours-changed-too-late = het werk van { $date } is begonnen of zou vóór nu beginnen: uren worden vóór het werk gewijzigd
no-period-number = het ontvangstbewijs heeft geen periodenummer voor { $date }

draft-not-dunned = voor een ontwerp wordt niet aangemaand: geef het eerst uit
invoice-not-dunnable = de factuur is { $status }: alleen een uitgegeven, onbetaalde factuur wordt aangemaand
dunning-transition = de aanmaning van de factuur is { $current }: ze kan niet { $next } worden

expense-transition = een onkostennota die { $from } is, kan niet { $to } worden
member-cannot-claim-expenses = het lid is { $status }: alleen een lid kan onkosten indienen
budget-too-small-to-repay = het budget van de activiteit is { $available }: het kan deze onkost van { $amount } niet terugbetalen
nothing-repaid = er werd op { $date } geen onkostennota terugbetaald: er is niets over te schrijven
receipt-type-not-accepted = een bewijsstuk is een PDF-, JPEG- of PNG-bestand: { $content_type } wordt niet aanvaard
receipt-not-its-type = het bewijsstuk verstuurd als { $content_type } is geen { $content_type }-bestand: de eerste bytes zeggen iets anders
receipt-too-large = een bewijsstuk is hoogstens { $limit_mib } MiB: dit bestand is groter
receipt-locked = de onkostennota is { $status }: het bewijsstuk kan alleen vervangen worden zolang ze ingediend is
no-receipt-file = onkostennota { $claim } heeft geen bestand als bewijsstuk
receipt-deleted = het bestand van het bewijsstuk van onkostennota { $claim } is op { $on } verwijderd, aan het einde van de bewaartermijn

fund-cannot-advance = het waarborgfonds heeft { $held } dat het kan lenen, waarvan { $promised } beloofd op bestelbonnen: het kan geen { $advance } meer voorschieten
order-form-not-open = bestelbon { $order_form } is { $status }: alleen een open bestelbon kan gefactureerd worden
invoice-for-other-order = factuur { $invoice } is niet voor de activiteit en de klant van deze bestelbon
invoice-not-issued = factuur { $invoice } is { $status }: geef ze eerst uit
invoice-closes-another-order-form = factuur { $invoice } sluit al een andere bestelbon af

run-not-completed = loonberekening { $run } loopt nog: het bestand komt zodra ze klaar is
run-paid-nothing = loonberekening { $run } betaalde geen enkel contract: er is niets over te schrijven

no-bank-account = lid { $member } heeft geen bankrekening: registreer ze met PUT /members/{"{"}id{"}"}/payroll
entity-iban-invalid = entity.iban: { $reason }
entity-bic-invalid = entity.bic: { $reason }
transfer-file-refused = het overschrijvingsbestand kan niet gemaakt worden: { $reason }

already-enrolled = '{ $worker_ref }' is al ingeschreven bij { $platform }
member-cannot-enrol = het lid is { $status }: alleen een lid kan ingeschreven worden
batch-id-reused = batch '{ $batch }' werd al met andere regels verstuurd: een nieuwe batch heeft een nieuw id nodig

no-payslip-in-period = geen loonbrief in { $quarter }: er is niets aan te geven
worker-without-identity = lid { $member } ({ $first_name } { $last_name }) heeft geen rijksregisternummer en geboortedatum: de aangifte van { $quarter } vermeldt elke werknemer ermee; registreer ze met PUT /members/{"{"}id{"}"}/identity
return-totals-refused = de aangifte van { $quarter } kan niet gemaakt worden: { $reason }
return-refused-by-pack = de aangifte van { $quarter } kan niet gemaakt worden: { $reason }
too-many-to-count = { $count } is te veel om te tellen
return-version-taken = een andere opbouw van { $quarter } nam intussen versie { $version }: stuur het verzoek opnieuw

already-issued = de factuur is al { $status }: alleen een ontwerp kan uitgegeven worden
not-payable = een factuur die { $status } is, kan geen betaling ontvangen
not-cancellable = een factuur die { $status } is, kan niet met een creditnota geannuleerd worden (alleen een uitgegeven, onbetaalde)
not-chronological = uitgiftedatum { $date } ligt vóór { $last }, de datum van het vorige nummer in de reeks
overpayment = de betaling van { $amount } is meer dan de { $outstanding } die nog verschuldigd is

# De eigen problemen van het knooppunt die hun waarden citeren; `kind` kiest het zelfstandig naamwoord.
not-found = { $kind ->
        [account] geen account
        [activity] geen activiteit
        [api-token] geen API-token
        [batch] geen batch
        [client] geen klant
        [contract] geen contract
        [country-pack] geen landenpakket
        [credit-note] geen creditnota
        [dunning-step] geen aanmaningsstap
        [expense-claim] geen onkostennota
        [hiring-declaration] geen aangifte van indiensttreding
        [invoice] geen factuur
        [job] geen taak
        [member] geen lid
        [member-transfer] geen ledenoverdracht
        [order-form] geen bestelbon
        [parked-message] geen geparkeerd federatiebericht
        [payroll-run] geen loonberekening
        [payslip] geen loonfiche
        [platform] geen platform
        [posting-notice] geen detacheringsmelding
        [quarterly-return] geen periodieke aangifte
        [work-declaration] geen werkaangifte
       *[other] niets ({ $what })
    } met id { $id }
out-of-range = { $field }: moet tussen { $min } en { $max } liggen, ontvangen { $got }
above-ceiling = { $field }: { $value } ligt boven het plafond van dit knooppunt, { $limit }

# Aanmelden en toegang (crate::auth).
no-token = stuur Authorization: Bearer <token>, of meld u aan op /auth/login
bad-token = het toegangstoken is niet geldig
session-invalid = de sessiecookie is niet geldig of verlopen: meld u opnieuw aan op /auth/login
csrf-token-missing = een { $method } van een aangemelde browser moet het CSRF-token van zijn sessie in X-CSRF-Token (of het formulierveld csrf) meesturen
role-forbidden = de rol { $role } mag { $method } { $route } niet
not-yours = { $what } { $id } is niet van u
own-records-only = een lid ziet en schrijft alleen het zijne: geef uw member_id ({ $member }) of de activity_id van een van uw activiteiten
login-state-unknown = deze aanmelding is onbekend, al gebruikt of in een andere browser begonnen: begin opnieuw op /auth/login
login-refused = de identiteitsprovider heeft de aanmelding geweigerd: { $reason }
id-token-refused = het ID-token van de identiteitsprovider wordt geweigerd: { $reason }
no-account = { $email } is noch het e-mailadres van een lid, noch een account van dit kantoor
identity-provider-unavailable = de identiteitsprovider is niet bruikbaar: { $reason }
sign-in-not-configured = deze node heeft geen identiteitsprovider: stel auth.issuer, auth.client_id en auth.client_secret in

# Personeelsaccounts en hun rollen (crate::auth::sessions).
account-email-malformed = { $email } is geen e-mailadres: dat van een personeelsaccount is naam@domein, in gewone ASCII
account-email-is-a-members = { $email } is het e-mailadres van een lid: het lid meldt zich daarmee aan als lid, niet als personeel
account-exists = { $email } heeft al een account
not-a-staff-role = { $role } is geen personeelsrol: advisor, admin of hq
member-account-role-fixed = account { $account } is dat van een lid: het houdt de rol van lid
last-admin = account { $account } is de laatste beheerder: het blijft beheerder tot een ander account beheerder is gemaakt

# Een veld van het verzoek dat niet past (crate::http::extract): de verwachte vorm.
malformed-json = de body is geen geldige JSON: { $reason } (regel { $line }, kolom { $column })
field-expected = { $field }: verwacht { $form }
field-expected-got = { $field }: verwacht { $form }, ontvangen { $got }
field-required = { $field }: verplicht
field-required-form = { $field }: verwacht { $form } (verplicht)
field-unknown = { $field }: geen veld van dit verzoek; verwacht een van { $fields }
field-unknown-none = { $field }: geen veld van dit verzoek, dat er geen heeft
form-date = een datum als JJJJ-MM-DD
form-date-time = een datum en tijd volgens RFC 3339 met hun verschuiving (2026-03-02T09:30:00+01:00)
form-uuid = een UUID (8-4-4-4-12 hexadecimale cijfers)
form-integer-between = een geheel getal van { $min } tot { $max }
form-integer-from = een geheel getal van minstens { $min }
form-integer = een geheel getal
form-boolean = true of false
form-array = een JSON-array
form-object = een JSON-object
form-string-like = een tekst zoals { $example }
form-string = een tekst

# Waarschuwingen: een werkaangifte in het buitenland wordt geregistreerd, en de weergave zegt wat nog moet gebeuren.
a1-missing = geen A1-attest van { $state } dekt { $first_day } tot { $last_day }: vraag er een aan bij het bevoegde orgaan van { $state } (Verordening 987/2009, art. 15 of 16) en registreer het met POST /members/{ $member }/a1-certificates
residence-share-below-line = het aandeel van het werk van het lid in { $residence }, waar het woont, is { $share } %, minder dan { $margin } punten onder de grens van 25 % (Verordening 987/2009, art. 14, lid 8): iets meer werk daar maakt de wetgeving van { $residence } van toepassing (Verordening 883/2004, art. 13, lid 1, a)
residence-share-above-line = het aandeel van het werk van het lid in { $residence }, waar het woont, is { $share } %, minder dan { $margin } punten boven de grens van 25 % (Verordening 987/2009, art. 14, lid 8): iets meer werk elders maakt de wetgeving van { $employer } van toepassing (Verordening 883/2004, art. 13, lid 1, b, i)
legislation-outside-coordination = { $state } past Verordening (EG) 883/2004 niet toe: hier wordt geen wetgeving bepaald (een bilateraal verdrag of het nationale recht beslist), en het contract wordt berekend met het pakket van dit knooppunt
residence-unknown = lid { $member } heeft geen geregistreerd woonland: de beslissing ging uit van { $state }; registreer het woonadres met PUT /members/{ $member }/identity
