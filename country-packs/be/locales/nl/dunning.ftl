# De herinneringsbrieven van het Belgische pakket: titels per niveau, zinnen en labels.
# De variabelen worden door de node opgemaakt volgens CLDR (datums "3 april 2026", bedragen "€ 1.210,00").

dunning-title-reminder = Eerste herinnering
dunning-title-formal_notice = Ingebrekestelling
dunning-title-handover = Laatste bericht vóór overdracht ter invordering

dunning-vat-number = Btw { $number }
# Wetboek van vennootschappen en verenigingen, art. 2:20: de brieven van een vennootschap
# vermelden haar ondernemingsnummer en "RPR" met de rechtbank van haar zetel.
dunning-enterprise = KBO { $number } – RPR { $court }
dunning-place-date = { $city }, { $date }
dunning-by-post = Per post
dunning-by-email = Per e-mail
dunning-subject = Betreft: factuur { $number } van { $date }
dunning-salutation = Geachte mevrouw, geachte heer,

dunning-intro-reminder = Tenzij wij ons vergissen, werd de hieronder vermelde factuur, vervallen op { $due }, nog niet volledig betaald. Wij verzoeken u vriendelijk het openstaande saldo te betalen.
dunning-intro-formal_notice = Ondanks onze herinnering van { $previous } blijft de hieronder vermelde factuur, vervallen op { $due }, onbetaald. Hierbij stellen wij u formeel in gebreke het totaalbedrag van de onderstaande afrekening te betalen.
dunning-intro-handover = Ondanks onze herinneringen, waarvan de laatste dateert van { $previous }, blijft de hieronder vermelde factuur, vervallen op { $due }, onbetaald.

dunning-invoice-number = Factuurnummer
dunning-invoice-date = Factuurdatum
dunning-due-date = Vervaldag
dunning-gross = Bedrag inclusief btw
dunning-paid = Reeds betaald
dunning-outstanding = Openstaand saldo

dunning-statement = Afrekening
dunning-amount = Bedrag
dunning-interest = Verwijlintrest tegen { $rate } per jaar, van { $from } tot { $to }
dunning-rate-until = { $rate } tot { $date }
dunning-rate-from = { $rate } vanaf { $date }
dunning-fee = Herinneringskosten
dunning-damages-business = Forfaitaire vergoeding voor invorderingskosten (wet van 2 augustus 2002, art. 6)
dunning-damages-consumer = Forfaitaire schadevergoeding (Wetboek van economisch recht, art. XIX.2)
dunning-total = Totaal gevorderd

dunning-interest-basis-business = Tussen ondernemingen is de verwijlintrest van rechtswege en zonder ingebrekestelling verschuldigd vanaf de dag na de vervaldag (wet van 2 augustus 2002 betreffende de bestrijding van de betalingsachterstand bij handelstransacties, art. 5).
dunning-interest-basis-consumer = De verwijlintrest loopt vanaf het verstrijken van de termijn die onze eerste herinnering opende (Wetboek van economisch recht, art. XIX.2), tegen de rentevoet van de wet van 2 augustus 2002.

dunning-pay = Gelieve { $total } over te schrijven op rekening IBAN { $iban } van { $name }, met vermelding van de gestructureerde mededeling { $reference }.
dunning-pay-bic = Gelieve { $total } over te schrijven op rekening IBAN { $iban } (BIC { $bic }) van { $name }, met vermelding van de gestructureerde mededeling { $reference }.
dunning-iban = IBAN
dunning-bic = BIC
dunning-reference = Gestructureerde mededeling

dunning-deadline-reminder = Indien wij uw betaling uiterlijk op { $date } niet ontvangen hebben, sturen wij u een nieuwe herinnering.
dunning-deadline-formal_notice = Indien wij uw betaling uiterlijk op { $date } niet ontvangen hebben, sturen wij u een ingebrekestelling.
dunning-deadline-handover = Indien wij uw betaling uiterlijk op { $date } niet ontvangen hebben, vertrouwen wij de invordering van deze schuldvordering toe aan een derde (incassobureau, advocaat of gerechtsdeurwaarder).
dunning-handover-now = Zonder onmiddellijke betaling wordt de invordering van deze schuldvordering toevertrouwd aan een derde (incassobureau, advocaat of gerechtsdeurwaarder), die contact met u zal opnemen.

dunning-consumer-first-post = Deze eerste herinnering is kosteloos. Overeenkomstig artikel XIX.2 van het Wetboek van economisch recht beschikt u over een termijn van ten minste veertien kalenderdagen, die ingaat op de derde werkdag na de verzending van deze herinnering, om het saldo te betalen, dus tot en met { $date }, voordat er schadevergoeding of verwijlintrest van u kan worden gevorderd.
dunning-consumer-first-email = Deze eerste herinnering is kosteloos. Overeenkomstig artikel XIX.2 van het Wetboek van economisch recht beschikt u over een termijn van ten minste veertien kalenderdagen, die ingaat op de dag na de elektronische verzending van deze herinnering, om het saldo te betalen, dus tot en met { $date }, voordat er schadevergoeding of verwijlintrest van u kan worden gevorderd.
dunning-consumer-then = Na het verstrijken van die termijn kunnen een forfaitaire schadevergoeding van ten hoogste { $damages } en verwijlintrest tegen { $rate } per jaar van u worden gevorderd.

dunning-crossed = Indien uw betaling en dit schrijven elkaar hebben gekruist, mag u dit bericht als onbestaande beschouwen.
dunning-questions = Voor vragen over deze factuur kunt u ons bereiken op { $email }.
dunning-closing = Met vriendelijke groeten,
