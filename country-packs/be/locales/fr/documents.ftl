### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Intitulés des documents imprimés : facture, note de crédit, fiche de paie.
invoice-title = Facture
credit-note-title = Note de crédit
invoice-number = Numéro
invoice-date = Date de facture
invoice-due-date = Échéance
invoice-corrects = Annule la facture
invoice-seller = Vendeur
invoice-buyer = Client
invoice-vat-number = TVA
invoice-company-id = N° d'entreprise
invoice-buyer-reference = Votre référence
invoice-description = Description
invoice-quantity = Quantité
invoice-unit-price = Prix unitaire
invoice-vat-rate = TVA
invoice-net = Montant HTVA
invoice-vat-breakdown = Récapitulatif TVA
invoice-vat-category = Catégorie
invoice-taxable = Base imposable
invoice-tax = TVA
invoice-total-net = Total HTVA
invoice-total-vat = Total TVA
invoice-total = Total TVAC
invoice-prepaid = Déjà payé
invoice-due = Montant à payer
invoice-payment = Paiement
invoice-iban = IBAN
invoice-bic = BIC
invoice-reference = Communication structurée
invoice-mentions = Mentions légales
vat-category-S = taux normal
vat-category-Z = taux zéro
vat-category-E = exonéré
vat-category-AE = autoliquidation
vat-category-K = livraison intracommunautaire
vat-category-G = exportation
vat-category-O = hors champ de la TVA
unit-C62 = pièce
unit-HUR = heure
unit-DAY = jour
payslip-employer-registration = N° ONSS de l'employeur
payslip-collective-agreement = Commission paritaire
payslip-national-number = Numéro de registre national
payslip-address = Adresse
payslip-days = Jours travaillés
payslip-hours = Heures travaillées
payslip-bank-account = Compte bancaire crédité
payslip-not-recorded = à compléter
payslip-kind-regular = paie du mois
payslip-kind-true_up = régularisation de fin d'année
worker-category-artist = artiste
worker-category-white-collar = employé
worker-category-manual = ouvrier
payslip-sources-intro = Les numéros entre crochets renvoient aux sources ci-dessous.
payslip-employer-lines = Cotisations et coût patronaux (pour information)
credit-note-date = Date de la note de crédit
credit-note-total = Montant en votre faveur
unit-C62-other = pièces
unit-HUR-other = heures
unit-DAY-other = jours

# Le contrat de travail écrit (loi du 3 juillet 1978 relative aux contrats de travail, art. 9 et
# 11bis ; informations de la directive (UE) 2019/1152, art. 4).
contract-title-fixed = Contrat de travail à durée déterminée
contract-title-open = Contrat de travail à durée indéterminée
contract-intro = Entre l'employeur et le travailleur ci-dessous, il est convenu ce qui suit.
contract-reference = Référence du contrat
contract-kind = Type de contrat
contract-kind-per_performance = à durée déterminée, pour les prestations ci-dessous
contract-kind-stabilised_monthly = à durée indéterminée, rémunération mensuelle
contract-kind-hourly = à durée déterminée, à l'heure
contract-kind-framework = contrat-cadre
contract-function = Fonction
contract-place = Lieu de travail
contract-start = Début
contract-end = Fin
contract-end-open = sans terme
contract-gross = Rémunération brute
contract-gross-framework = fixée par chaque contrat horaire
contract-schedule = Horaire de travail
contract-date = Date
contract-from = De
contract-to = À
contract-hours = Heures
contract-total = Total
contract-wage-basis = La rémunération brute de { $gross } rémunère l'ensemble des prestations ci-dessus. Elle est fixée à partir du budget de { $budget } que l'activité y consacre, cotisations patronales comprises, et payée par virement sur le compte du travailleur.
contract-wage-basis-stabilised_monthly = La rémunération brute de { $gross } est payée chaque mois par virement sur le compte du travailleur. Elle est fixée à partir du budget annuel de { $budget } que l'activité y consacre, cotisations patronales comprises.
contract-wage-basis-framework = Chaque prestation signalée par la plateforme fait l'objet d'un contrat horaire distinct, qui en précise les heures et la rémunération brute. Celle-ci est fixée à partir des heures prestées au tarif de la plateforme, déduction faite de la contribution de la coopérative, cotisations patronales comprises, et payée par virement sur le compte du travailleur.
contract-legal-fixed = Contrat à durée déterminée constaté par écrit pour ce travailleur au plus tard au moment où il commence l'exécution de son contrat (loi du 3 juillet 1978 relative aux contrats de travail, art. 9).
contract-legal-schedule = Les jours et heures ci-dessus sont l'horaire de travail convenu (loi du 3 juillet 1978, art. 11bis, pour le travail à temps partiel).
contract-legal-artist = Prestations artistiques : le travailleur est engagé comme artiste, sous la commission paritaire indiquée ci-dessus.
contract-signed = Fait à { $city }, le { $date }, en deux exemplaires, chaque partie reconnaissant avoir reçu le sien.
contract-signature-employer = Pour l'employeur
contract-signature-worker = Le travailleur
