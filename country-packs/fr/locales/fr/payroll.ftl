### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Lignes du bulletin de paie du pack français, par code de ligne.
old_age_capped_employee = Sécurité sociale plafonnée (part salariale)
old_age_uncapped_employee = Sécurité sociale déplafonnée (part salariale)
pension_t1_employee = Retraite complémentaire AGIRC-ARRCO, tranche 1 (part salariale)
pension_t2_employee = Retraite complémentaire AGIRC-ARRCO, tranche 2 (part salariale)
ceg_t1_employee = Contribution d'équilibre général (CEG), tranche 1 (part salariale)
ceg_t2_employee = Contribution d'équilibre général (CEG), tranche 2 (part salariale)
cet_employee = Contribution d'équilibre technique (CET) (part salariale)
apec_employee = APEC (part salariale)
csg_deductible = CSG déductible de l'impôt sur le revenu
csg_non_deductible = CSG non déductible de l'impôt sur le revenu
crds = CRDS
health_employer = Sécurité sociale - maladie, maternité, invalidité, décès
old_age_capped_employer = Sécurité sociale plafonnée
old_age_uncapped_employer = Sécurité sociale déplafonnée
family_employer = Allocations familiales
accident_employer = Accidents du travail - maladies professionnelles
autonomy_employer = Contribution solidarité autonomie (CSA)
fnal_employer = Fonds national d'aide au logement (FNAL)
social_dialogue_employer = Contribution au dialogue social
unemployment_employer = Assurance chômage
wage_guarantee_employer = Assurance garantie des salaires (AGS)
pension_t1_employer = Retraite complémentaire AGIRC-ARRCO, tranche 1
pension_t2_employer = Retraite complémentaire AGIRC-ARRCO, tranche 2
ceg_t1_employer = Contribution d'équilibre général (CEG), tranche 1
ceg_t2_employer = Contribution d'équilibre général (CEG), tranche 2
cet_employer = Contribution d'équilibre technique (CET)
apec_employer = APEC
cadre_welfare_employer = Prévoyance obligatoire des cadres
forfait_social_employer = Forfait social sur la prévoyance
vocational_training_employer = Contribution à la formation professionnelle
apprenticeship_tax_employer = Taxe d'apprentissage
apprenticeship_tax_balance_employer = Solde de la taxe d'apprentissage
apprenticeship_surcharge_employer = Contribution supplémentaire à l'apprentissage (CSA)
cpf_fixed_term_employer = Contribution CPF-CDD
construction_employer = Participation à l'effort de construction (PEEC)
mobility_employer = Versement mobilité
performance_unemployment_employee = Assurance chômage, contribution spécifique des intermittents (annexes VIII et X)
performance_unemployment_employer = Assurance chômage, contribution spécifique des intermittents (annexes VIII et X)
holiday_fund_employer = Caisse des Congés Spectacles
performance_welfare_employer = Prévoyance des intermittents du spectacle (Audiens)
performance_training_employer = Formation professionnelle des intermittents (Afdas)
general_reduction = Réduction générale des cotisations patronales
end_of_contract_indemnity = Indemnité de fin de contrat
net_before_tax = Net à payer avant impôt sur le revenu
net_taxable = Net imposable
net_social = Montant net social
employee_social = Cotisations salariales (hors CSG et CRDS)
withholding_tax = Impôt sur le revenu prélevé à la source
employer_social = Cotisations patronales
employer_cost = Coût employeur (budget utilisé)

# La base légale de chaque ligne, imprimée dans l'annexe « Sources » du bulletin (la réponse
# JSON garde la source complète de chaque paramètre, avec ses vérifications).
basis-old_age_capped_employee = CSS, art. L241-3 et D242-4
basis-old_age_uncapped_employee = CSS, art. L241-3 et D242-3
basis-pension_t1_employee = ANI AGIRC-ARRCO du 17 novembre 2017, art. 35 à 38
basis-pension_t2_employee = ANI AGIRC-ARRCO du 17 novembre 2017, art. 35 à 38
basis-ceg_t1_employee = ANI AGIRC-ARRCO du 17 novembre 2017 (contribution d'équilibre général)
basis-ceg_t2_employee = ANI AGIRC-ARRCO du 17 novembre 2017 (contribution d'équilibre général)
basis-cet_employee = ANI AGIRC-ARRCO du 17 novembre 2017 (contribution d'équilibre technique)
basis-apec_employee = ANI du 12 juillet 2011 relatif à l'APEC
basis-csg_deductible = CSS, art. L136-1-2 et L136-8 ; CGI, art. 154 quinquies
basis-csg_non_deductible = CSS, art. L136-1-2 et L136-8
basis-crds = Ordonnance n° 96-50 du 24 janvier 1996, art. 14 et 19
basis-health_employer = CSS, art. L241-2 et L241-2-1, D241-3-1 et D242-3
basis-old_age_capped_employer = CSS, art. L241-3 et D242-4
basis-old_age_uncapped_employer = CSS, art. L241-3 et D242-3
basis-family_employer = CSS, art. L241-6-1 et D241-3-2
basis-accident_employer = CSS, art. L241-5 (taux notifié par la caisse régionale)
basis-autonomy_employer = Code de l'action sociale et des familles, art. L14-10-4
basis-fnal_employer = CSS, art. L834-1 ; Code de la construction et de l'habitation, art. L813-4
basis-social_dialogue_employer = Code du travail, art. L2135-10 et D2135-34
basis-unemployment_employer = Code du travail, art. L5422-9 ; règlement d'assurance chômage
basis-wage_guarantee_employer = Code du travail, art. L3253-18 ; décision du conseil d'administration de l'AGS
basis-pension_t1_employer = ANI AGIRC-ARRCO du 17 novembre 2017, art. 35 à 38
basis-pension_t2_employer = ANI AGIRC-ARRCO du 17 novembre 2017, art. 35 à 38
basis-ceg_t1_employer = ANI AGIRC-ARRCO du 17 novembre 2017 (contribution d'équilibre général)
basis-ceg_t2_employer = ANI AGIRC-ARRCO du 17 novembre 2017 (contribution d'équilibre général)
basis-cet_employer = ANI AGIRC-ARRCO du 17 novembre 2017 (contribution d'équilibre technique)
basis-apec_employer = ANI du 12 juillet 2011 relatif à l'APEC
basis-cadre_welfare_employer = ANI du 17 novembre 2017 relatif à la prévoyance des cadres, art. 1er
basis-forfait_social_employer = CSS, art. L137-15 et L137-16
basis-vocational_training_employer = Code du travail, art. L6131-2, L6331-1 et L6331-3
basis-apprenticeship_tax_employer = Code du travail, art. L6241-1 et L6241-2
basis-apprenticeship_tax_balance_employer = Code du travail, art. L6241-1 et L6241-2
basis-cpf_fixed_term_employer = Code du travail, art. L6331-6
basis-apprenticeship_surcharge_employer = CGI, art. 1609 quinvicies ; Code du travail, art. L6242-1
basis-construction_employer = Code de la construction et de l'habitation, art. L313-1
basis-mobility_employer = Code général des collectivités territoriales, art. L2333-64
basis-performance_unemployment_employee = Règlement d'assurance chômage, annexes VIII et X (décret n° 2019-797 du 26 juillet 2019)
basis-performance_unemployment_employer = Règlement d'assurance chômage, annexes VIII et X (décret n° 2019-797 du 26 juillet 2019)
basis-holiday_fund_employer = Code du travail, art. D7121-41 (caisse des congés spectacles)
basis-performance_welfare_employer = Convention collective du spectacle vivant privé (IDCC 3090), titre VII, art. 12.6
basis-performance_training_employer = Code du travail, art. L6331-55
basis-general_reduction = CSS, art. L241-13 et D241-7
basis-end_of_contract_indemnity = Code du travail, art. L1243-8 et L1243-10
basis-net_before_tax = Code du travail, art. R3243-1 ; arrêté du 25 février 2016 (bulletin de paie)
basis-net_taxable = CGI, art. 83
basis-net_social = Arrêté du 25 février 2016 modifié par l'arrêté du 31 janvier 2023, art. 2 (montant net social)
basis-employee_social = Total des cotisations salariales ci-dessus, hors CSG et CRDS
basis-withholding_tax = CGI, art. 204 A et 204 H (prélèvement à la source)
basis-employer_social = Total des cotisations patronales ci-dessus
basis-employer_cost = Règle de la coopérative : le budget utilisé est le coût employeur
