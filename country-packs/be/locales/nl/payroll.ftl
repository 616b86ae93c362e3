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
