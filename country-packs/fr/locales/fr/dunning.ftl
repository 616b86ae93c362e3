### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Les lettres de relance du pack français : titres par niveau, phrases et libellés.
# Les variables arrivent mises en forme par le nœud selon le CLDR de la langue (dates « 3 avril 2026 », montants « 1 210,00 € »).

dunning-title-reminder = Relance de paiement
dunning-title-formal_notice = Mise en demeure de payer
dunning-title-handover = Dernier avis avant recouvrement

dunning-vat-number = TVA { $number }
# Code de commerce art. R. 123-237 : les lettres d'une société portent son SIREN et « RCS » suivi de la ville du greffe.
dunning-enterprise = SIREN { $number } – RCS { $court }
dunning-place-date = { $city }, le { $date }
dunning-by-post = Par courrier
dunning-by-email = Par courriel
dunning-subject = Objet : facture { $number } du { $date }
dunning-salutation = Madame, Monsieur,

dunning-intro-reminder = Sauf erreur de notre part, la facture ci-dessous, échue le { $due }, n'a pas encore été entièrement réglée. Nous vous remercions d'en régler le solde.
dunning-intro-formal_notice = Malgré notre relance du { $previous }, la facture ci-dessous, échue le { $due }, reste impayée. Par la présente, nous vous mettons en demeure de régler le montant total du décompte ci-dessous.
dunning-intro-handover = Malgré nos relances, dont la dernière est datée du { $previous }, la facture ci-dessous, échue le { $due }, reste impayée.

dunning-invoice-number = Numéro de facture
dunning-invoice-date = Date de facture
dunning-due-date = Échéance
dunning-gross = Montant TTC
dunning-paid = Déjà payé
dunning-outstanding = Reste dû

dunning-statement = Décompte
dunning-amount = Montant
dunning-interest = Pénalités de retard au taux annuel de { $rate }, du { $from } au { $to }
dunning-rate-until = { $rate } jusqu'au { $date }
dunning-rate-from = { $rate } à partir du { $date }
dunning-fee = Frais de relance
dunning-damages-business = Indemnité forfaitaire pour frais de recouvrement (Code de commerce, art. L. 441-10 et D. 441-5)
dunning-damages-consumer = Dommages et intérêts
dunning-total = Total réclamé

dunning-interest-basis-business = Entre professionnels, les pénalités de retard sont dues de plein droit, sans rappel, dès le lendemain de l'échéance, au taux de refinancement de la Banque centrale européenne majoré de 10 points (Code de commerce, art. L. 441-10).
dunning-interest-basis-consumer = Les intérêts au taux légal courent à compter de la présente mise en demeure (Code civil, art. 1231-6).

dunning-pay = Merci de virer { $total } sur le compte de { $name }, IBAN { $iban }, en indiquant la référence { $reference }.
dunning-pay-bic = Merci de virer { $total } sur le compte de { $name }, IBAN { $iban } (BIC { $bic }), en indiquant la référence { $reference }.
dunning-iban = IBAN
dunning-bic = BIC
dunning-reference = Référence

dunning-deadline-reminder = Sans paiement de votre part au { $date }, nous vous adresserons une nouvelle relance.
dunning-deadline-formal_notice = Sans paiement de votre part au { $date }, nous vous adresserons une mise en demeure.
dunning-deadline-handover = Sans paiement de votre part au { $date }, nous confierons le recouvrement de cette créance à un tiers (commissaire de justice ou avocat).
dunning-handover-now = À défaut de paiement immédiat, le recouvrement de cette créance sera confié à un tiers (commissaire de justice ou avocat), qui prendra contact avec vous.

dunning-consumer-first-post = Cette relance est gratuite. Vous pouvez régler le solde jusqu'au { $date } inclus ; passé cette date, nous vous adresserons une mise en demeure, à compter de laquelle courront les intérêts au taux légal.
dunning-consumer-first-email = Cette relance est gratuite. Vous pouvez régler le solde jusqu'au { $date } inclus ; passé cette date, nous vous adresserons une mise en demeure, à compter de laquelle courront les intérêts au taux légal.
dunning-consumer-then = À compter de la mise en demeure, des intérêts au taux légal ({ $rate } par an) pourront vous être réclamés.

dunning-crossed = Si votre paiement a croisé ce courrier, merci de ne pas en tenir compte.
dunning-questions = Pour toute question sur cette facture, vous pouvez nous écrire à { $email }.
dunning-closing = Veuillez agréer, Madame, Monsieur, nos salutations distinguées.
