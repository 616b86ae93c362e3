# Lijnen van de loonfiche van het Belgische pakket, per lijncode.
employee_social = Persoonlijke socialezekerheidsbijdragen
social_work_bonus_a = Sociale werkbonus, luik A
social_work_bonus_b = Sociale werkbonus, luik B
taxable = Belastbaar loon
withholding_key = Bedrijfsvoorheffing volgens de sleutelformule
withholding_reductions = Verminderingen voor gezinslasten
fiscal_work_bonus = Fiscale werkbonus
withholding_tax = Bedrijfsvoorheffing
special_social_contribution = Bijzondere bijdrage voor de sociale zekerheid
employer_social = Werkgeversbijdragen voor de sociale zekerheid
holiday_pay_provision = Provisie voor vakantiegeld
cooperative_margin = Verzekeringen, loonkosten en gedeelde marge
employer_cost = Werkgeverskost (gebruikt budget)
structural_reduction = Structurele vermindering (maandelijks voorschot)
artists_reduction = Doelgroepvermindering kunstenaars (maandelijks voorschot)
closing_fund = Sluitingsfonds, basisbijdrage
closing_fund_special = Sluitingsfonds, bijzondere bijdrage (tijdelijke werkloosheid)
ten_workers_contribution = Bijdrage van werkgevers met 10 of meer werknemers
temporary_unemployment_contribution = Tijdelijke werkloosheid en anciënniteitstoeslag
asbestos_fund = Asbestfonds
work_accidents_contribution = Bijzondere bijdrage arbeidsongevallen

# De opschriften van het loonbrief-document.
payslip-title = Loonbrief
payslip-employer = Werkgever
payslip-employee = Werknemer
payslip-period = Periode
payslip-work-end = Laatste werkdag
payslip-pay-date = Betaald op
payslip-deadline = Uiterste betaaldatum
payslip-category = Werknemerscategorie
payslip-gross = Brutoloon
payslip-net = Betaald nettoloon
payslip-line = Lijn
payslip-base = Basis
payslip-rate = Voet
payslip-amount = Bedrag
payslip-sources = Bronnen

# A payslip computed under another state's legislation (Regulation (EC) 883/2004) says which.
payslip-legislation = Toepasselijke wetgeving
payslip-legislation-value = { $country } (Verordening (EG) nr. 883/2004, art. { $article })
country-BE = België
country-FR = Frankrijk
country-IT = Italië
country-NL = Nederland
country-DE = Duitsland
country-ES = Spanje
country-SE = Zweden
country-AT = Oostenrijk
country-HU = Hongarije
country-LU = Luxemburg
