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
