### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Intitulés des documents imprimés du pack français : facture, avoir, bulletin de paie.
invoice-title = Facture
credit-note-title = Avoir
invoice-number = Numéro
invoice-date = Date de facture
invoice-due-date = Date d'échéance
invoice-corrects = Avoir sur la facture
invoice-seller = Vendeur
invoice-buyer = Client
invoice-vat-number = N° de TVA
invoice-company-id = SIREN
invoice-buyer-reference = Votre référence
invoice-description = Désignation
invoice-quantity = Quantité
invoice-unit-price = Prix unitaire HT
invoice-vat-rate = TVA
invoice-net = Montant HT
invoice-vat-breakdown = Récapitulatif de la TVA
invoice-vat-category = Catégorie
invoice-taxable = Base HT
invoice-tax = TVA
invoice-total-net = Total HT
invoice-total-vat = Total TVA
invoice-total = Total TTC
invoice-prepaid = Déjà payé
invoice-due = Net à payer
invoice-payment = Paiement
invoice-iban = IBAN
invoice-bic = BIC
invoice-reference = Référence du virement
invoice-mentions = Mentions légales
credit-note-date = Date de l'avoir
credit-note-total = Montant en votre faveur
vat-category-S = taux normal
vat-category-Z = taux zéro
vat-category-E = exonéré
vat-category-AE = autoliquidation
vat-category-K = livraison intracommunautaire
vat-category-G = exportation
vat-category-O = hors champ de la TVA
unit-C62 = pièce
unit-C62-other = pièces
unit-HUR = heure
unit-HUR-other = heures
unit-DAY = jour
unit-DAY-other = jours

# Les intitulés du bulletin de paie imprimé (Code du travail art. R3243-1 et arrêté du 25 février
# 2016 modifié fixant le modèle de bulletin de paie).
payslip-title = Bulletin de paie
payslip-employer = Employeur
payslip-employee = Salarié
payslip-employer-registration = SIRET
payslip-employer-activity = Code APE
payslip-collective-agreement = Convention collective (IDCC)
payslip-national-number = N° de sécurité sociale
payslip-address = Adresse
payslip-category = Statut
payslip-job = Emploi
# La position du salarié dans la classification conventionnelle, « notamment définie par le niveau
# ou le coefficient hiérarchique qui lui est attribué » (Code du travail art. R3243-1, 4°) ; telle
# que le contrat l'a reçue, « à compléter » sinon.
payslip-classification = Classification
payslip-period = Période
payslip-days = Jours travaillés
payslip-hours = Heures travaillées
payslip-hourly-rate = Taux horaire brut
payslip-work-end = Dernier jour travaillé
payslip-pay-date = Date de paiement
payslip-deadline = Date limite de paiement
payslip-bank-account = Compte bancaire crédité
payslip-gross = Salaire brut
payslip-net = Net payé
payslip-line = Rubrique
payslip-base = Base
payslip-rate = Taux
payslip-amount = Montant
payslip-employer-lines = Cotisations et coût employeur (pour information)
payslip-sources = Sources
payslip-sources-intro = Les numéros entre crochets renvoient aux sources ci-dessous.
payslip-not-recorded = à compléter
payslip-kind-regular = paie du mois
payslip-kind-true_up = régularisation
worker-category-cadre = cadre
worker-category-non-cadre = non-cadre
# « Le bulletin de paie comporte en caractères apparents une mention incitant le salarié à le
# conserver sans limitation de durée » (Code du travail art. R3243-5, LEGIARTI000018533798), avec la
# rubrique du bulletin de paie du portail service-public.fr (modèle de l'arrêté du 25 février 2016).
payslip-keep-notice = Dans votre intérêt et pour vous aider à faire valoir vos droits, conservez ce bulletin de paie sans limitation de durée. Pour en savoir plus : https://www.service-public.fr/particuliers/vosdroits/F559

# Le contrat à durée déterminée écrit (Code du travail L1242-12 : motif, terme, poste, convention
# collective, période d'essai, rémunération, caisse de retraite complémentaire et organisme de
# prévoyance ; L1242-13 : remis au salarié dans les deux jours ouvrables suivant l'embauche).
worker-category-artist = artiste du spectacle
worker-category-technician = technicien du spectacle
contract-title-fixed = Contrat de travail à durée déterminée
# Les artistes et techniciens du spectacle : CDD d'usage (L1242-2, 3° ; D1242-1, 6°).
contract-title-fixed-artist = Contrat à durée déterminée d'usage
contract-title-fixed-technician = Contrat à durée déterminée d'usage
contract-title-open = Contrat de travail à durée indéterminée
contract-intro = Entre l'employeur et le salarié ci-dessous, il est convenu ce qui suit.
contract-reference = Référence du contrat
contract-kind = Nature du contrat
contract-kind-per_performance = à durée déterminée, à terme précis, pour les jours ci-dessous
contract-kind-stabilised_monthly = à durée indéterminée, rémunération mensuelle
contract-kind-hourly = à durée déterminée, à l'heure
contract-kind-framework = contrat-cadre
contract-function = Poste et emploi occupé
# À côté de l'emploi, la classification conventionnelle que le bulletin de paie reprend (R3243-1, 4° ;
# R1221-34 : l'intitulé du poste, les fonctions, la catégorie d'emploi).
contract-classification = Classification
contract-place = Lieu de travail
contract-start = Début
contract-end = Terme
contract-end-open = sans terme
contract-gross = Rémunération brute
contract-gross-framework = fixée par chaque contrat horaire
contract-motive = Motif
contract-motive-value = à compléter (Code du travail L1242-2)
# Le motif du CDD, cas de Code du travail L1242-2 (L1242-12 : « la définition précise de son
# motif » ; 1° : « le nom et la qualification professionnelle de la personne remplacée »).
contract-motive-replacement = remplacement de { $name }, { $job }, absent(e) (Code du travail L1242-2, 1°)
contract-motive-activity_increase = accroissement temporaire de l'activité de l'entreprise (Code du travail L1242-2, 2°)
contract-motive-seasonal = emploi à caractère saisonnier (Code du travail L1242-2, 3°)
contract-motive-customary = emploi pour lequel il est d'usage constant de ne pas recourir au contrat à durée indéterminée, dans le secteur : { $sector } (Code du travail L1242-2, 3° et D1242-1)
# Les cas, en bref, pour la liste du formulaire de déclaration.
contract-case-replacement = Remplacement d'un salarié absent (L1242-2, 1°)
contract-case-activity_increase = Accroissement temporaire d'activité (L1242-2, 2°)
contract-case-seasonal = Emploi à caractère saisonnier (L1242-2, 3°)
contract-case-customary = CDD d'usage (L1242-2, 3° et D1242-1)
# Les secteurs de l'article D1242-1 que le pack propose.
contract-sector-sport = le sport professionnel (D1242-1, 5°)
contract-sector-entertainment = les spectacles, l'action culturelle, l'audiovisuel, la production cinématographique, l'édition phonographique (D1242-1, 6°)
contract-sector-teaching = l'enseignement (D1242-1, 7°)
contract-sector-information = l'information, les activités d'enquête et de sondage (D1242-1, 8°)
# L'institution de retraite complémentaire et de prévoyance (L1242-12, 5°), aussi sur le bulletin.
payslip-pension-fund = Retraite complémentaire et prévoyance
contract-trial = Période d'essai
contract-trial-value = aucune
contract-pension-fund = Retraite et prévoyance
contract-pension-fund-value = à compléter
contract-schedule = Jours et horaires de travail
contract-date = Date
contract-from = De
contract-to = À
contract-hours = Heures
contract-total = Total
contract-wage-basis = La rémunération brute de { $gross } rémunère l'ensemble des jours ci-dessus, sans prime ni accessoire. Elle est fixée à partir du budget de { $budget } que l'activité y consacre, cotisations patronales comprises, et payée par virement sur le compte du salarié.
contract-wage-basis-stabilised_monthly = La rémunération brute mensuelle de { $gross }, sans prime ni accessoire, est payée chaque mois par virement sur le compte du salarié. Elle est fixée à partir du budget annuel de { $budget } que l'activité y consacre, cotisations patronales comprises.
contract-wage-basis-framework = Chaque vacation signalée par la plateforme fait l'objet d'un contrat à durée déterminée horaire distinct, qui en précise les heures et la rémunération brute, sans prime ni accessoire. Celle-ci est fixée à partir des heures travaillées au tarif de la plateforme, déduction faite de la contribution de la coopérative, cotisations patronales comprises, et payée par virement sur le compte du salarié.
contract-legal-fixed = Contrat établi par écrit (Code du travail L1242-12) et transmis au salarié au plus tard dans les deux jours ouvrables suivant l'embauche (L1242-13).
contract-signed = Fait à { $city }, le { $date }, en deux exemplaires, chaque partie reconnaissant avoir reçu le sien.
contract-signature-employer = Pour l'employeur
contract-signature-worker = Le salarié

# A payslip computed under another state's legislation (Regulation (EC) 883/2004) says which.
payslip-legislation = Législation applicable
payslip-legislation-value = { $country } (règlement (CE) n° 883/2004, art. { $article })
country-BE = Belgique
country-FR = France
country-IT = Italie
country-NL = Pays-Bas
country-DE = Allemagne
country-ES = Espagne
country-SE = Suède
country-AT = Autriche
country-HU = Hongrie
country-LU = Luxembourg
