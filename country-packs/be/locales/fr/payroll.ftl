### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

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

# La base légale de chaque ligne, imprimée dans l'annexe « Sources » de la fiche de paie
# (la réponse JSON garde la source complète de chaque paramètre, avec ses vérifications).
basis-employee_social = Loi du 29 juin 1981 (principes généraux de la sécurité sociale des travailleurs salariés), art. 38, § 2
basis-social_work_bonus_a = Loi du 20 décembre 1999 (bonus à l'emploi), art. 2 ; AR du 17 janvier 2000
basis-social_work_bonus_b = Loi du 20 décembre 1999 (bonus à l'emploi), art. 2 ; AR du 17 janvier 2000
basis-taxable = CIR 92, art. 31 (rémunérations), après déduction des cotisations personnelles
basis-withholding_key = AR/CIR 92, annexe III (formule-clé)
basis-withholding_reductions = AR/CIR 92, annexe III (réductions pour charges de famille)
basis-fiscal_work_bonus = CIR 92, art. 289ter/1 (bonus à l'emploi fiscal)
basis-withholding_tax = CIR 92, art. 270 à 275 ; AR/CIR 92, annexe III
basis-special_social_contribution = Loi du 30 mars 1994 portant des dispositions sociales, art. 106 à 112
basis-employer_social = Loi du 29 juin 1981, art. 38, § 3 ; loi du 26 décembre 2015 (création d'emplois et pouvoir d'achat), art. 17 à 26
basis-holiday_pay_provision = Lois coordonnées du 28 juin 1971 relatives aux vacances annuelles ; AR du 30 mars 1967
basis-cooperative_margin = Règle de la coopérative : coût employeur = brut × coefficient fixé par l'office
basis-employer_cost = Règle de la coopérative : le budget utilisé est le coût employeur
basis-structural_reduction = Loi-programme (I) du 24 décembre 2002 ; AR du 16 mai 2003 (réduction structurelle)
basis-artists_reduction = Loi-programme (I) du 24 décembre 2002 ; AR du 16 mai 2003 (réduction groupe-cible artistes)
basis-closing_fund = Loi du 26 juin 2002 relative aux fermetures d'entreprises
basis-closing_fund_special = Loi du 26 juin 2002 relative aux fermetures d'entreprises
basis-ten_workers_contribution = ONSS, instructions administratives DmfA : cotisations spéciales
basis-temporary_unemployment_contribution = ONSS, instructions administratives DmfA : cotisations spéciales
basis-asbestos_fund = Loi-programme du 27 décembre 2006 (Fonds amiante)
basis-work_accidents_contribution = ONSS, instructions administratives DmfA : cotisations spéciales
