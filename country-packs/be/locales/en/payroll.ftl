# Payslip lines of the Belgian pack, by line code.
employee_social = Employee social security
social_work_bonus_a = Social work bonus, part A
social_work_bonus_b = Social work bonus, part B
taxable = Taxable wage
withholding_key = Withholding by the key formula
withholding_reductions = Reductions for dependants
fiscal_work_bonus = Fiscal work bonus
withholding_tax = Withholding tax
special_social_contribution = Special social security contribution
employer_social = Employer social security
holiday_pay_provision = Holiday pay provision
cooperative_margin = Insurance, payroll costs and pooled margin
employer_cost = Employer cost (budget used)
