# Überschriften der gedruckten Dokumente: Rechnung, Gutschrift, Lohnabrechnung.
#
# Begriffe der föderalen Verwaltungen auf Deutsch:
# - Unternehmensnummer, Zentrale Datenbank der Unternehmen (ZDU), MwSt.:
#   https://economie.fgov.be/de/themen/unternehmen/zentrale-datenbank-der
# - Mehrwertsteuergesetzbuch, Steuerpflichtiger, Vertragspartner: Belgisches Staatsblatt,
#   deutsche Übersetzungen (https://etaamb.openjustice.be/fr/loi-du-26-novembre-2009_n2010000175)
# - Steuerschuldnerschaft des Leistungsempfängers: Richtlinie 2006/112/EG, Artikel 226 Nr. 11a
#   (deutsche Fassung), die der Königliche Erlass Nr. 1 vom 29. Dezember 1992 umsetzt
# - Nationalregisternummer, paritätische Kommission:
#   https://sinstallerenbelgique.be/de/geschafte-machen/arbeitnehmer-in-belgien-melden
# - LSS: https://www.lss.be/geld-und-daten/beitrage-einziehen
# - Strukturierte Mitteilung: https://sinstallerenbelgique.be/de/geschafte-machen/berechnung-und-zahlung-von-sozialversicherungsbeitragen
invoice-title = Rechnung
credit-note-title = Gutschrift
invoice-number = Nummer
invoice-date = Rechnungsdatum
invoice-due-date = Fälligkeitsdatum
invoice-corrects = Storniert die Rechnung
invoice-seller = Verkäufer
invoice-buyer = Kunde
invoice-vat-number = MwSt.
invoice-company-id = Unternehmensnummer
invoice-buyer-reference = Ihre Referenz
invoice-description = Beschreibung
invoice-quantity = Menge
invoice-unit-price = Stückpreis
invoice-vat-rate = MwSt.
invoice-net = Betrag ohne MwSt.
invoice-vat-breakdown = MwSt.-Übersicht
invoice-vat-category = Kategorie
invoice-taxable = Besteuerungsgrundlage
invoice-tax = MwSt.
invoice-total-net = Gesamt ohne MwSt.
invoice-total-vat = Gesamt MwSt.
invoice-total = Gesamt inkl. MwSt.
invoice-prepaid = Bereits gezahlt
invoice-due = Zu zahlender Betrag
invoice-payment = Zahlung
invoice-iban = IBAN
invoice-bic = BIC
invoice-reference = Strukturierte Mitteilung
invoice-mentions = Gesetzliche Angaben
vat-category-S = Normalsatz
vat-category-Z = Nullsatz
vat-category-E = befreit
vat-category-AE = Steuerschuldnerschaft des Leistungsempfängers
vat-category-K = innergemeinschaftliche Lieferung
vat-category-G = Ausfuhr
vat-category-O = nicht der MwSt. unterliegend
unit-C62 = Stück
unit-HUR = Stunde
unit-DAY = Tag
payslip-employer-registration = LSS-Nummer des Arbeitgebers
payslip-collective-agreement = Paritätische Kommission
payslip-national-number = Nationalregisternummer
payslip-address = Adresse
payslip-days = Gearbeitete Tage
payslip-hours = Gearbeitete Stunden
payslip-bank-account = Gutgeschriebenes Bankkonto
payslip-not-recorded = nicht erfasst
payslip-kind-regular = Lohn des Monats
payslip-kind-true_up = Jahresendregularisierung
worker-category-artist = Künstler
worker-category-white-collar = Angestellter
worker-category-manual = Arbeiter
payslip-sources-intro = Die Zahlen in eckigen Klammern verweisen auf die Quellen unten.
payslip-employer-lines = Arbeitgeberbeiträge und -kosten (zur Information)
credit-note-date = Datum der Gutschrift
credit-note-total = Betrag zu Ihren Gunsten
unit-C62-other = Stück
unit-HUR-other = Stunden
unit-DAY-other = Tage

# Der schriftliche Arbeitsvertrag (Gesetz vom 3. Juli 1978 über die Arbeitsverträge, Art. 9 und
# 11bis; Angaben der Richtlinie (EU) 2019/1152, Art. 4). Die Bezeichnungen folgen der deutschen
# Übersetzung des Gesetzes ("Arbeitsvertrag für eine bestimmte Zeit", "paritätische Kommission").
contract-title-fixed = Arbeitsvertrag für eine bestimmte Zeit
contract-title-open = Arbeitsvertrag für eine unbestimmte Zeit
contract-intro = Zwischen dem Arbeitgeber und dem Arbeitnehmer, die nachstehend genannt sind, wird Folgendes vereinbart.
contract-reference = Vertragsreferenz
contract-kind = Art des Vertrags
contract-kind-per_performance = für eine bestimmte Zeit, für die nachstehenden Leistungen
contract-kind-stabilised_monthly = für eine unbestimmte Zeit, monatliche Entlohnung
contract-kind-hourly = für eine bestimmte Zeit, auf Stundenbasis
contract-kind-framework = Rahmenvertrag
contract-function = Funktion
contract-place = Arbeitsort
contract-start = Beginn
contract-end = Ende
contract-end-open = ohne Befristung
contract-gross = Bruttoentlohnung
contract-gross-framework = in jedem Stundenvertrag festgelegt
contract-schedule = Arbeitszeitplan
contract-date = Datum
contract-from = Von
contract-to = Bis
contract-hours = Stunden
contract-total = Insgesamt
contract-wage-basis = Die Bruttoentlohnung von { $gross } vergütet alle obenstehenden Leistungen. Sie wird anhand des Budgets von { $budget } festgelegt, das die Aktivität dafür einschließlich der Arbeitgeberbeiträge aufwendet, und durch Überweisung auf das Konto des Arbeitnehmers gezahlt.
contract-wage-basis-stabilised_monthly = Die Bruttoentlohnung von { $gross } wird jeden Monat durch Überweisung auf das Konto des Arbeitnehmers gezahlt. Sie wird anhand des Jahresbudgets von { $budget } festgelegt, das die Aktivität dafür einschließlich der Arbeitgeberbeiträge aufwendet.
contract-wage-basis-framework = Jede von der Plattform gemeldete Leistung ist ein eigener Stundenvertrag mit ihren Stunden und ihrer Bruttoentlohnung. Diese wird anhand der geleisteten Stunden zum Tarif der Plattform festgelegt, nach Abzug des Beitrags der Genossenschaft und einschließlich der Arbeitgeberbeiträge, und durch Überweisung auf das Konto des Arbeitnehmers gezahlt.
contract-legal-fixed = Vertrag für eine bestimmte Zeit, für diesen Arbeitnehmer spätestens zum Zeitpunkt des Beginns der Ausführung schriftlich festgestellt (Gesetz vom 3. Juli 1978 über die Arbeitsverträge, Art. 9).
contract-legal-schedule = Die obenstehenden Tage und Stunden sind der vereinbarte Arbeitszeitplan (Gesetz vom 3. Juli 1978, Art. 11bis, für Teilzeitarbeit).
contract-legal-artist = Künstlerische Leistungen: Der Arbeitnehmer wird als Künstler eingestellt, unter der obenstehenden paritätischen Kommission.
contract-signed = Ausgefertigt in { $city }, am { $date }, in zwei Exemplaren, wobei jede Partei bestätigt, ihr Exemplar erhalten zu haben.
contract-signature-employer = Für den Arbeitgeber
contract-signature-worker = Der Arbeitnehmer
