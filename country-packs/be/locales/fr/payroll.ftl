# Lignes de la fiche de paie du pack belge, par code de ligne.
employee_social = Cotisations personnelles de sécurité sociale
social_work_bonus_a = Bonus à l'emploi social, volet A
social_work_bonus_b = Bonus à l'emploi social, volet B
taxable = Rémunération imposable
withholding_key = Précompte professionnel selon la formule-clé
withholding_reductions = Réductions pour charges de famille
fiscal_work_bonus = Bonus à l'emploi fiscal
withholding_tax = Précompte professionnel
special_social_contribution = Cotisation spéciale de sécurité sociale
employer_social = Cotisations patronales de sécurité sociale
holiday_pay_provision = Provision pour pécule de vacances
cooperative_margin = Assurances, frais de paie et marge mutualisée
employer_cost = Coût employeur (budget utilisé)
structural_reduction = Réduction structurelle (avance mensuelle)
artists_reduction = Réduction groupe-cible artistes (avance mensuelle)
closing_fund = Fonds de fermeture, cotisation de base
closing_fund_special = Fonds de fermeture, cotisation spéciale (chômage temporaire)
ten_workers_contribution = Cotisation des employeurs de 10 travailleurs ou plus
temporary_unemployment_contribution = Chômage temporaire et complément d'ancienneté
asbestos_fund = Fonds amiante
work_accidents_contribution = Cotisation spéciale accidents du travail

# Les intitulés du document de la fiche de paie.
payslip-title = Fiche de paie
payslip-employer = Employeur
payslip-employee = Travailleur
payslip-period = Période
payslip-work-end = Dernier jour de travail
payslip-pay-date = Payé le
payslip-deadline = Date limite de paiement
payslip-category = Catégorie de travailleur
payslip-gross = Rémunération brute
payslip-net = Rémunération nette payée
payslip-line = Ligne
payslip-base = Base
payslip-rate = Taux
payslip-amount = Montant
payslip-sources = Sources

# A payslip computed under another state's legislation (Regulation (EC) 883/2004) says which.
payslip-legislation = Législation applicable
payslip-legislation-value = { $country } (règlement (CE) n° 883/2004, art. { $article })
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
