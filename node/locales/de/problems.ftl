# Die Ablehnungen des Knotens, eine Meldung je Problemcode (`/problems/{code}`), auf Deutsch
# (Amtssprache der Deutschsprachigen Gemeinschaft Belgiens).
# Die Werte kommen fertig geschrieben an: Kennungen, Daten (JJJJ-MM-TT), Beträge mit Währung;
# die Status (applicant, validated…) bleiben die der API.

member-cannot-open-activity = das Mitglied { $member } ist { $status }: nur ein Mitglied, dessen Anteil bezahlt ist, kann eine Aktivität eröffnen
activity-closed = die Aktivität { $activity } ist abgeschlossen

email-taken = ein Mitglied hat bereits die E-Mail-Adresse { $email }
member-without-identity = das Mitglied { $member } hat weder Nationalregisternummer noch Geburtsdatum: die Einstellungsmeldung braucht sie

transfer-not-federated = Mitgliederwechsel brauchen die Einstellungen der Föderation: federation.node, federation.key_file und federation.peers_file
transfer-to-itself = { $destination } ist dieses Büro: ein Wechsel geht zu einem anderen
transfer-unknown-destination = kein Büro { $destination } ist unter den Schlüsseln der Föderation eingetragen
member-cannot-move = das Mitglied { $member } ist { $status }: nur ein Mitglied in Ordnung kann zu einem anderen Büro wechseln
transfer-already-open = das Mitglied { $member } hat bereits einen laufenden Wechsel
transfer-expired = der Wechsel { $transfer } ist abgelaufen
transfer-closed = der Wechsel { $transfer } ist { $status }: der Schritt { $step } ist nicht mehr möglich
transfer-wrong-side = dieses Büro ist die Seite { $side } des Wechsels { $transfer } und kann den Schritt { $step } nicht tun
transfer-shares-rule-differs = Wechsel { $transfer }: die Anteilsregel des Herkunftsbüros ist { $theirs }, die dieses Büros { $ours }
transfer-cannot-carry-shares = Wechsel { $transfer }: Anteile zu { $theirs } können nicht zu Anteilen zu { $ours } werden
settlement-above-balance = { $amount } mit dem Büro { $office } auszugleichen ({ $direction }) ist mehr als die { $owed }, die in dieser Richtung geschuldet sind

member-cannot-invoice = das Mitglied der Aktivität ist { $status }: nur ein Mitglied kann Rechnungen stellen
draft-has-no-e-invoice = ein Entwurf hat keine elektronische Rechnung: stellen Sie ihn zuerst aus

member-cannot-declare-work = das Mitglied der Aktivität ist { $status }: nur ein Mitglied kann Arbeit melden
declaration-already-decided = eine Meldung { $status } kann nicht { $decision } werden
work-already-started = die Arbeit vom { $start } hat bereits begonnen: die Einstellungsmeldung muss ihr vorausgehen
budget-too-small = das Budget der Aktivität beträgt { $available }: es kann { $budget } für diese Arbeit nicht bezahlen
contract-motive-required = ein befristeter Arbeitsvertrag nennt seinen Grund: geben Sie motive.code an, einen von { $allowed }
contract-motive-not-accepted = dieser Vertrag nennt keinen Grund: lassen Sie motive weg
contract-motive-unknown = { $field }: „{ $value }“ ist keiner von { $allowed }
contract-motive-incomplete = { $field } ist für den Grund { $code } erforderlich
contract-motive-unexpected = { $field } gilt nicht für den Grund { $code }
contract-motive-too-long = { $field } ist länger als { $max } Zeichen
classification-too-long = classification ist länger als { $max } Zeichen
no-pack-for-legislation = die Arbeit unterliegt den Rechtsvorschriften der sozialen Sicherheit von { $state }, und kein Länderpaket berechnet sie (verfügbar: { $available })
worker-kind-not-in-legislation = die Arbeit unterliegt den Rechtsvorschriften von { $state }, dessen Paket die Arbeitnehmerart „{ $category }“ nicht kennt: geben Sie eine von { $allowed } an
legislation-currency = die Arbeit unterliegt den Rechtsvorschriften von { $state }, dessen Paket in { $currency } zahlt: dieser Knoten bucht in { $node_currency }

not-acknowledged = die IN-Meldung { $declaration } hat noch keine Empfangsbestätigung: erfassen Sie zuerst ihre Periodennummern mit PUT /hiring-declarations/{ $declaration }/acknowledgement, denn ein OUT oder ein CANCEL nennt sie
not-an-in-declaration = die Meldung { $declaration } ist ein { $action }: nur ein IN erhält Periodennummern
already-acknowledged = die Meldung { $declaration } hat bereits ihre Empfangsbestätigung
contract-not-active = der Vertrag { $contract } ist { $status }
contract-started = der Vertrag { $contract } hat am { $starts_at } begonnen: ein Vertrag wird vor seiner Arbeit storniert und danach beendet
contract-kind-not-cancellable = ein Vertrag { $kind } wird nicht einzeln storniert
contract-ends-with-its-work = ein Vertrag { $kind } endet mit seiner Arbeit: stornieren Sie ihn, bevor er beginnt
salary-already-paid = der Lohn für { $period } ist bezahlt: der Vertrag kann erst in einem folgenden Monat enden
no-days-to-change = ein Vertrag { $kind } hat keine Tage, die sich ändern lassen
hours-changed-too-late = die Arbeit vom { $date } hat begonnen oder würde vor jetzt beginnen: Stunden werden vor der Arbeit geändert
no-period-number = die Empfangsbestätigung hat keine Periodennummer für den { $date }

draft-not-dunned = ein Entwurf wird nicht gemahnt: stellen Sie ihn zuerst aus
invoice-not-dunnable = die Rechnung ist { $status }: nur eine ausgestellte, unbezahlte Rechnung wird gemahnt
dunning-transition = das Mahnverfahren der Rechnung ist { $current }: es kann nicht { $next } werden

expense-transition = eine Spesenabrechnung { $from } kann nicht { $to } werden
member-cannot-claim-expenses = das Mitglied ist { $status }: nur ein Mitglied kann Spesen abrechnen
budget-too-small-to-repay = das Budget der Aktivität beträgt { $available }: es kann diese Ausgabe von { $amount } nicht erstatten
nothing-repaid = am { $date } wurde keine Spesenabrechnung erstattet: es gibt nichts zu überweisen
receipt-type-not-accepted = ein Beleg ist eine PDF-, JPEG- oder PNG-Datei: { $content_type } wird nicht angenommen
receipt-not-its-type = der als { $content_type } gesendete Beleg ist keine { $content_type }-Datei: ihre ersten Bytes sagen etwas anderes
receipt-too-large = ein Beleg ist höchstens { $limit_mib } MiB groß: diese Datei ist größer
receipt-locked = die Spesenabrechnung ist { $status }: ihr Beleg kann nur ersetzt werden, solange sie eingereicht ist
no-receipt-file = die Spesenabrechnung { $claim } hat keine Belegdatei
receipt-deleted = die Belegdatei der Spesenabrechnung { $claim } wurde am { $on } am Ende ihrer Aufbewahrungsfrist gelöscht

fund-cannot-advance = der Garantiefonds hält { $held }, die er verleihen kann, davon { $promised } auf Bestellscheine zugesagt: er kann nicht weitere { $advance } vorschießen
order-form-not-open = der Bestellschein { $order_form } ist { $status }: nur ein offener Bestellschein kann in Rechnung gestellt werden
invoice-for-other-order = die Rechnung { $invoice } betrifft nicht die Aktivität und den Kunden dieses Bestellscheins
invoice-not-issued = die Rechnung { $invoice } ist { $status }: stellen Sie sie zuerst aus
invoice-closes-another-order-form = die Rechnung { $invoice } schließt bereits einen anderen Bestellschein ab

run-not-completed = der Lohnlauf { $run } ist noch im Gange: seine Datei kommt, wenn er beendet ist
run-paid-nothing = der Lohnlauf { $run } hat keinen Vertrag bezahlt: es gibt nichts zu überweisen

no-bank-account = das Mitglied { $member } hat kein Bankkonto: erfassen Sie es mit PUT /members/{"{"}id{"}"}/payroll
entity-iban-invalid = entity.iban: { $reason }
entity-bic-invalid = entity.bic: { $reason }
transfer-file-refused = die Überweisungsdatei kann nicht erstellt werden: { $reason }

already-enrolled = „{ $worker_ref }“ ist bereits bei { $platform } angemeldet
member-cannot-enrol = das Mitglied ist { $status }: nur ein Mitglied kann angemeldet werden
batch-id-reused = der Stapel „{ $batch }“ wurde bereits mit anderen Zeilen gesendet: ein neuer Stapel braucht eine neue Kennung

no-payslip-in-period = keine Lohnabrechnung in { $quarter }: es gibt nichts zu melden
worker-without-identity = das Mitglied { $member } ({ $first_name } { $last_name }) hat weder Nationalregisternummer noch Geburtsdatum: die Erklärung für { $quarter } nennt jeden Arbeitnehmer damit; erfassen Sie sie mit PUT /members/{"{"}id{"}"}/identity
return-totals-refused = die Erklärung für { $quarter } kann nicht erstellt werden: { $reason }
return-refused-by-pack = die Erklärung für { $quarter } kann nicht erstellt werden: { $reason }
too-many-to-count = { $count } ist zu viel, um gezählt zu werden
return-version-taken = eine andere Erstellung von { $quarter } hat inzwischen die Version { $version } genommen: senden Sie die Anfrage erneut

already-issued = die Rechnung ist bereits { $status }: nur ein Entwurf kann ausgestellt werden
not-payable = eine Rechnung { $status } kann keine Zahlung erhalten
not-cancellable = eine Rechnung { $status } kann nicht durch eine Gutschrift storniert werden (nur eine ausgestellte, unbezahlte Rechnung kann es)
not-chronological = das Ausstellungsdatum { $date } liegt vor dem { $last }, dem Datum der vorigen Nummer der Serie
overpayment = die Zahlung von { $amount } übersteigt die noch geschuldeten { $outstanding }

# Probleme des Knotens selbst, die ihre Werte nennen; `kind` wählt das Wort.
not-found = { $kind ->
        [account] kein Konto
        [activity] keine Aktivität
        [api-token] kein API-Token
        [batch] kein Stapel
        [client] kein Kunde
        [contract] kein Vertrag
        [country-pack] kein Länderpaket
        [credit-note] keine Gutschrift
        [dunning-step] keine Mahnstufe
        [expense-claim] keine Spesenabrechnung
        [hiring-declaration] keine Einstellungsmeldung
        [invoice] keine Rechnung
        [job] kein Auftrag
        [member] kein Mitglied
        [member-transfer] kein Mitgliederwechsel
        [order-form] kein Bestellschein
        [parked-message] keine zurückgestellte Föderationsnachricht
        [payroll-run] kein Lohnlauf
        [payslip] keine Lohnabrechnung
        [platform] keine Plattform
        [posting-notice] keine Entsendemeldung
        [quarterly-return] keine periodische Erklärung
        [work-declaration] keine Arbeitsmeldung
       *[other] nichts ({ $what })
    } mit der Kennung { $id }
out-of-range = { $field }: muss zwischen { $min } und { $max } liegen, erhalten { $got }
above-ceiling = { $field }: { $value } übersteigt die Obergrenze dieses Knotens, { $limit }

# Anmeldung und Zugriff (crate::auth).
no-token = senden Sie Authorization: Bearer <Token>, oder melden Sie sich unter /auth/login an
bad-token = das Zugriffstoken ist ungültig
session-invalid = das Sitzungs-Cookie ist ungültig oder abgelaufen: melden Sie sich unter /auth/login erneut an
csrf-token-missing = ein { $method } eines angemeldeten Browsers muss das CSRF-Token seiner Sitzung in X-CSRF-Token (oder im Formularfeld csrf) tragen
role-forbidden = die Rolle { $role } erlaubt { $method } { $route } nicht
not-yours = { $what } { $id } gehört nicht Ihnen
own-records-only = ein Mitglied listet und schreibt nur, was ihm gehört: geben Sie Ihre member_id ({ $member }) oder die activity_id einer Ihrer Aktivitäten an
login-state-unknown = diese Anmeldung ist unbekannt, schon verwendet oder in einem anderen Browser begonnen: beginnen Sie erneut unter /auth/login
login-refused = der Identitätsanbieter hat die Anmeldung abgelehnt: { $reason }
id-token-refused = das Identitätstoken des Anbieters wird abgelehnt: { $reason }
no-account = { $email } ist weder die Adresse eines Mitglieds noch ein Konto dieses Büros
identity-provider-unavailable = der Identitätsanbieter ist nicht erreichbar: { $reason }
sign-in-not-configured = dieser Knoten hat keinen Identitätsanbieter: setzen Sie auth.issuer, auth.client_id und auth.client_secret

# Konten des Personals und ihre Rollen (crate::auth::sessions).
account-email-malformed = { $email } ist keine E-Mail-Adresse: die eines Personalkontos lautet name@domain, in einfachem ASCII
account-email-is-a-members = { $email } ist die E-Mail-Adresse eines Mitglieds: das Mitglied meldet sich damit als Mitglied an, nicht als Personal
account-exists = { $email } hat bereits ein Konto
not-a-staff-role = { $role } ist keine Rolle des Personals: advisor, admin oder hq
member-account-role-fixed = das Konto { $account } gehört einem Mitglied: es behält die Rolle Mitglied
last-admin = das Konto { $account } ist der letzte Administrator: es bleibt Administrator, bis ein anderes Konto zum Administrator gemacht wird

# Ein Feld der Anfrage, das nicht passt (crate::http::extract): die erwartete Form.
malformed-json = der Body ist kein gültiges JSON: { $reason } (Zeile { $line }, Spalte { $column })
field-expected = { $field }: erwartet { $form }
field-expected-got = { $field }: erwartet { $form }, erhalten { $got }
field-required = { $field }: erforderlich
field-required-form = { $field }: erwartet { $form } (erforderlich)
field-unknown = { $field }: kein Feld dieser Anfrage; erwartet eines von { $fields }
field-unknown-none = { $field }: kein Feld dieser Anfrage, die keine Felder hat
form-date = ein Datum als JJJJ-MM-TT
form-date-time = ein Datum mit Uhrzeit nach RFC 3339 mit Zeitverschiebung (2026-03-02T09:30:00+01:00)
form-uuid = eine UUID (8-4-4-4-12 Hexadezimalziffern)
form-integer-between = eine ganze Zahl von { $min } bis { $max }
form-integer-from = eine ganze Zahl von mindestens { $min }
form-integer = eine ganze Zahl
form-boolean = true oder false
form-array = ein JSON-Array
form-object = ein JSON-Objekt
form-string-like = ein Text wie { $example }
form-string = ein Text

# Warnungen: eine Arbeitserklärung im Ausland wird erfasst, und ihre Ansicht sagt, was noch zu tun ist.
a1-missing = keine A1-Bescheinigung von { $state } deckt den Zeitraum vom { $first_day } bis zum { $last_day }: beantragen Sie eine beim zuständigen Träger von { $state } (Verordnung 987/2009, Art. 15 oder 16) und erfassen Sie sie mit POST /members/{ $member }/a1-certificates
residence-share-below-line = der Anteil der Arbeit des Mitglieds in { $residence }, wo es wohnt, beträgt { $share } %, weniger als { $margin } Punkte unter der Grenze von 25 % (Verordnung 987/2009, Art. 14 Abs. 8): etwas mehr Arbeit dort macht die Rechtsvorschriften von { $residence } anwendbar (Verordnung 883/2004, Art. 13 Abs. 1 Buchst. a)
residence-share-above-line = der Anteil der Arbeit des Mitglieds in { $residence }, wo es wohnt, beträgt { $share } %, weniger als { $margin } Punkte über der Grenze von 25 % (Verordnung 987/2009, Art. 14 Abs. 8): etwas mehr Arbeit anderswo macht die Rechtsvorschriften von { $employer } anwendbar (Verordnung 883/2004, Art. 13 Abs. 1 Buchst. b Ziff. i)
legislation-outside-coordination = { $state } wendet die Verordnung (EG) 883/2004 nicht an: hier werden keine Rechtsvorschriften bestimmt (ein bilaterales Abkommen oder das nationale Recht entscheidet), und der Vertrag wird mit dem Paket dieses Knotens berechnet
residence-unknown = das Mitglied { $member } hat kein erfasstes Wohnland: die Entscheidung nahm { $state } an; erfassen Sie seine Wohnanschrift mit PUT /members/{ $member }/identity
