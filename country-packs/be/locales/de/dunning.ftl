# Die Mahnschreiben des belgischen Pakets: Titel je Stufe, Sätze und Bezeichnungen.
# Die Variablen setzt der Knoten nach CLDR ein (Daten „3. April 2026“, Beträge „1.210,00 €“).
#
# Belgische Rechtsbegriffe auf Deutsch:
# - Inverzugsetzung, Beitreibung, Gerichtsvollzieher: Belgisches Staatsblatt, deutsche
#   Übersetzungen der Zentralen Dienststelle für Deutsche Übersetzungen (Malmedy)
# - Wirtschaftsgesetzbuch (Code de droit économique / Wetboek van economisch recht), Buch XIX
# - Unternehmensgericht Eupen, Belgisches Staatsblatt:
#   https://ostbelgienlive.be/desktopdefault.aspx/tabid-7478/12340_read-67815/
# - Die neun Unternehmensgerichte auf Deutsch (Antwerpen, Brüssel, Löwen, Gent, Eupen, Lüttich,
#   Hennegau, Wallonisch-Brabant):
#   https://www.rechtbanken-tribunaux.be/de/gerichte-und-gerichtsh%C3%B6fe/unternehmensgericht

dunning-title-reminder = Erste Zahlungserinnerung
dunning-title-formal_notice = Inverzugsetzung
dunning-title-handover = Letzte Mitteilung vor Übergabe zur Beitreibung

dunning-vat-number = MwSt. { $number }
# Gesetzbuch der Gesellschaften und Vereinigungen, Art. 2:20: die Schriftstücke einer
# Gesellschaft tragen ihre Unternehmensnummer und „RJP“ (Register der juristischen Personen),
# gefolgt vom Sitz des Gerichts (das Paket schreibt das Gericht auf Deutsch: Brüssel, Lüttich).
dunning-enterprise = Unternehmensnummer { $number } – RJP { $court }
dunning-place-date = { $city }, den { $date }
dunning-by-post = Per Post
dunning-by-email = Per E-Mail
dunning-subject = Betreff: Rechnung { $number } vom { $date }
dunning-salutation = Sehr geehrte Damen und Herren,

dunning-intro-reminder = Sofern wir uns nicht irren, wurde die unten genannte, am { $due } fällige Rechnung noch nicht vollständig bezahlt. Wir bitten Sie, den offenen Restbetrag zu begleichen.
dunning-intro-formal_notice = Trotz unserer Zahlungserinnerung vom { $previous } ist die unten genannte, am { $due } fällige Rechnung weiterhin unbezahlt. Hiermit setzen wir Sie förmlich in Verzug, uns den Gesamtbetrag der nachstehenden Abrechnung zu zahlen.
dunning-intro-handover = Trotz unserer Zahlungserinnerungen, deren letzte vom { $previous } datiert, ist die unten genannte, am { $due } fällige Rechnung weiterhin unbezahlt.

dunning-invoice-number = Rechnungsnummer
dunning-invoice-date = Rechnungsdatum
dunning-due-date = Fälligkeitsdatum
dunning-gross = Betrag inkl. MwSt.
dunning-paid = Bereits gezahlt
dunning-outstanding = Offener Restbetrag

dunning-statement = Abrechnung
dunning-amount = Betrag
dunning-interest = Verzugszinsen zum Jahressatz von { $rate }, vom { $from } bis zum { $to }
dunning-rate-until = { $rate } bis zum { $date }
dunning-rate-from = { $rate } ab dem { $date }
dunning-fee = Mahnkosten
dunning-damages-business = Pauschale Entschädigung für Beitreibungskosten (Gesetz vom 2. August 2002, Art. 6)
dunning-damages-consumer = Pauschale Entschädigung (Wirtschaftsgesetzbuch, Art. XIX.2)
dunning-total = Geforderter Gesamtbetrag

dunning-interest-basis-business = Zwischen Unternehmen sind Verzugszinsen von Rechts wegen und ohne Inverzugsetzung ab dem Tag nach dem Fälligkeitsdatum geschuldet (Gesetz vom 2. August 2002 zur Bekämpfung des Zahlungsverzugs im Handelsverkehr, Art. 5).
dunning-interest-basis-consumer = Die Verzugszinsen laufen ab dem Ablauf der Frist, die unsere erste Zahlungserinnerung eröffnet hat (Wirtschaftsgesetzbuch, Art. XIX.2), zu dem im Gesetz vom 2. August 2002 vorgesehenen Satz.

dunning-pay = Wir bitten Sie, { $total } auf das Konto IBAN { $iban } von { $name } zu überweisen, unter Angabe der strukturierten Mitteilung { $reference }.
dunning-pay-bic = Wir bitten Sie, { $total } auf das Konto IBAN { $iban } (BIC { $bic }) von { $name } zu überweisen, unter Angabe der strukturierten Mitteilung { $reference }.
dunning-iban = IBAN
dunning-bic = BIC
dunning-reference = Strukturierte Mitteilung

dunning-deadline-reminder = Sollte Ihre Zahlung nicht spätestens am { $date } bei uns eingegangen sein, senden wir Ihnen eine weitere Zahlungserinnerung.
dunning-deadline-formal_notice = Sollte Ihre Zahlung nicht spätestens am { $date } bei uns eingegangen sein, senden wir Ihnen eine Inverzugsetzung.
dunning-deadline-handover = Sollte Ihre Zahlung nicht spätestens am { $date } bei uns eingegangen sein, übertragen wir die Beitreibung dieser Forderung einem Dritten (Inkassobüro, Rechtsanwalt oder Gerichtsvollzieher).
dunning-handover-now = Ohne sofortige Zahlung wird die Beitreibung dieser Forderung einem Dritten (Inkassobüro, Rechtsanwalt oder Gerichtsvollzieher) übertragen, der sich mit Ihnen in Verbindung setzen wird.

dunning-consumer-first-post = Diese erste Zahlungserinnerung ist kostenlos. Gemäß Artikel XIX.2 des Wirtschaftsgesetzbuches verfügen Sie über eine Frist von mindestens vierzehn Kalendertagen, die am dritten Werktag nach dem Versand dieser Zahlungserinnerung beginnt, um den Restbetrag zu zahlen, also bis einschließlich { $date }, bevor Schadenersatz oder Verzugszinsen von Ihnen gefordert werden können.
dunning-consumer-first-email = Diese erste Zahlungserinnerung ist kostenlos. Gemäß Artikel XIX.2 des Wirtschaftsgesetzbuches verfügen Sie über eine Frist von mindestens vierzehn Kalendertagen, die am Tag nach dem elektronischen Versand dieser Zahlungserinnerung beginnt, um den Restbetrag zu zahlen, also bis einschließlich { $date }, bevor Schadenersatz oder Verzugszinsen von Ihnen gefordert werden können.
dunning-consumer-then = Nach Ablauf dieser Frist können eine pauschale Entschädigung von höchstens { $damages } sowie Verzugszinsen zum Jahressatz von { $rate } von Ihnen gefordert werden.

dunning-crossed = Sollte sich Ihre Zahlung mit diesem Schreiben überschnitten haben, betrachten Sie es bitte als gegenstandslos.
dunning-questions = Bei Fragen zu dieser Rechnung erreichen Sie uns unter { $email }.
dunning-closing = Mit freundlichen Grüßen
