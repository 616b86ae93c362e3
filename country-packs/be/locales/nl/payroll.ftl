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

# De rechtsgrond van elke lijn, gedrukt in de bijlage "Bronnen" van de loonfiche
# (het JSON-antwoord bewaart de volledige bron van elke parameter, met de controles).
basis-employee_social = Wet van 29 juni 1981 (algemene beginselen van de sociale zekerheid voor werknemers), art. 38, § 2
basis-social_work_bonus_a = Wet van 20 december 1999 (werkbonus), art. 2; KB van 17 januari 2000
basis-social_work_bonus_b = Wet van 20 december 1999 (werkbonus), art. 2; KB van 17 januari 2000
basis-taxable = WIB 92, art. 31 (bezoldigingen), na aftrek van de persoonlijke bijdragen
basis-withholding_key = KB/WIB 92, bijlage III (sleutelformule)
basis-withholding_reductions = KB/WIB 92, bijlage III (verminderingen voor gezinslasten)
basis-fiscal_work_bonus = WIB 92, art. 289ter/1 (fiscale werkbonus)
basis-withholding_tax = WIB 92, art. 270 tot 275; KB/WIB 92, bijlage III
basis-special_social_contribution = Wet van 30 maart 1994 houdende sociale bepalingen, art. 106 tot 112
basis-employer_social = Wet van 29 juni 1981, art. 38, § 3; wet van 26 december 2015 (jobcreatie en koopkracht), art. 17 tot 26
basis-holiday_pay_provision = Gecoördineerde wetten van 28 juni 1971 betreffende de jaarlijkse vakantie; KB van 30 maart 1967
basis-cooperative_margin = Regel van de coöperatie: werkgeverskost = brutoloon × coëfficiënt vastgelegd door het kantoor
basis-employer_cost = Regel van de coöperatie: het gebruikte budget is de werkgeverskost
basis-structural_reduction = Programmawet (I) van 24 december 2002; KB van 16 mei 2003 (structurele vermindering)
basis-artists_reduction = Programmawet (I) van 24 december 2002; KB van 16 mei 2003 (doelgroepvermindering kunstenaars)
basis-closing_fund = Wet van 26 juni 2002 betreffende de sluiting van de ondernemingen
basis-closing_fund_special = Wet van 26 juni 2002 betreffende de sluiting van de ondernemingen
basis-ten_workers_contribution = RSZ, administratieve instructies DmfA: bijzondere bijdragen
basis-temporary_unemployment_contribution = RSZ, administratieve instructies DmfA: bijzondere bijdragen
basis-asbestos_fund = Programmawet van 27 december 2006 (Asbestfonds)
basis-work_accidents_contribution = RSZ, administratieve instructies DmfA: bijzondere bijdragen
