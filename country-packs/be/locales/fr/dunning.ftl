### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Les lettres de rappel du pack belge : intitulés par niveau, phrases et libellés.
# Les variables sont déjà mises en forme par le nœud selon le CLDR (dates « 3 avril 2026 », montants « 1 210,00 € »).

dunning-title-reminder = Premier rappel
dunning-title-formal_notice = Mise en demeure
dunning-title-handover = Dernier avis avant transmission au recouvrement

dunning-vat-number = TVA { $number }
# Code des sociétés et des associations, art. 2:20 : les lettres d'une société portent son
# numéro d'entreprise et « RPM » suivi du tribunal de son siège.
dunning-enterprise = BCE { $number } – RPM { $court }
dunning-place-date = { $city }, le { $date }
dunning-by-post = Par courrier
dunning-by-email = Par e-mail
dunning-subject = Concerne : facture { $number } du { $date }
dunning-salutation = Madame, Monsieur,

dunning-intro-reminder = Sauf erreur de notre part, la facture mentionnée ci-dessous, échue le { $due }, n'a pas encore été entièrement payée. Nous vous prions de bien vouloir en régler le solde.
dunning-intro-formal_notice = Malgré notre rappel du { $previous }, la facture mentionnée ci-dessous, échue le { $due }, reste impayée. Par la présente, nous vous mettons formellement en demeure de nous payer le montant total repris dans le décompte ci-dessous.
dunning-intro-handover = Malgré nos rappels, dont le dernier date du { $previous }, la facture mentionnée ci-dessous, échue le { $due }, reste impayée.

dunning-invoice-number = Facture n°
dunning-invoice-date = Date de la facture
dunning-due-date = Date d'échéance
dunning-gross = Montant TVA comprise
dunning-paid = Déjà payé
dunning-outstanding = Solde restant dû

dunning-statement = Décompte
dunning-amount = Montant
dunning-interest = Intérêts de retard au taux annuel de { $rate }, du { $from } au { $to }
dunning-rate-until = { $rate } jusqu'au { $date }
dunning-rate-from = { $rate } à partir du { $date }
dunning-fee = Frais de rappel
dunning-damages-business = Indemnité forfaitaire pour frais de recouvrement (loi du 2 août 2002, art. 6)
dunning-damages-consumer = Indemnité forfaitaire (Code de droit économique, art. XIX.2)
dunning-total = Total réclamé

dunning-interest-basis-business = Entre entreprises, les intérêts de retard sont dus de plein droit et sans mise en demeure à partir du jour qui suit la date d'échéance (loi du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions commerciales, art. 5).
dunning-interest-basis-consumer = Les intérêts de retard courent depuis l'expiration du délai ouvert par notre premier rappel (Code de droit économique, art. XIX.2), au taux prévu par la loi du 2 août 2002.

dunning-pay = Nous vous prions de verser { $total } sur le compte IBAN { $iban } de { $name }, en mentionnant la communication structurée { $reference }.
dunning-pay-bic = Nous vous prions de verser { $total } sur le compte IBAN { $iban } (BIC { $bic }) de { $name }, en mentionnant la communication structurée { $reference }.
dunning-iban = IBAN
dunning-bic = BIC
dunning-reference = Communication structurée

dunning-deadline-reminder = À défaut de paiement au plus tard le { $date }, nous vous adresserons un nouveau rappel.
dunning-deadline-formal_notice = À défaut de paiement au plus tard le { $date }, nous vous adresserons une mise en demeure.
dunning-deadline-handover = À défaut de paiement au plus tard le { $date }, nous confierons le recouvrement de cette créance à un tiers (bureau de recouvrement, avocat ou huissier de justice).
dunning-handover-now = Faute de paiement immédiat, le recouvrement de cette créance sera confié à un tiers (bureau de recouvrement, avocat ou huissier de justice), qui prendra contact avec vous.

dunning-consumer-first-post = Ce premier rappel est gratuit. Conformément à l'article XIX.2 du Code de droit économique, vous disposez d'un délai d'au moins quatorze jours calendrier, qui prend cours le troisième jour ouvrable qui suit l'envoi de ce rappel, pour payer le solde, soit jusqu'au { $date } inclus, avant que des dommages et intérêts ou des intérêts de retard puissent vous être réclamés.
dunning-consumer-first-email = Ce premier rappel est gratuit. Conformément à l'article XIX.2 du Code de droit économique, vous disposez d'un délai d'au moins quatorze jours calendrier, qui prend cours le jour qui suit l'envoi de ce rappel par voie électronique, pour payer le solde, soit jusqu'au { $date } inclus, avant que des dommages et intérêts ou des intérêts de retard puissent vous être réclamés.
dunning-consumer-then = Passé ce délai, une indemnité forfaitaire de { $damages } au maximum ainsi que des intérêts de retard au taux annuel de { $rate } pourront vous être réclamés.

dunning-crossed = Si votre paiement a croisé ce courrier, nous vous prions de ne pas en tenir compte.
dunning-questions = Pour toute question relative à cette facture, vous pouvez nous contacter à l'adresse { $email }.
dunning-closing = Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.
