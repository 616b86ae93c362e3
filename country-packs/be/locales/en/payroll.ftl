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
structural_reduction = Structural reduction (monthly advance)
artists_reduction = Artists' target-group reduction (monthly advance)
closing_fund = Closing Fund, basic contribution
closing_fund_special = Closing Fund, special contribution (temporary unemployment)
ten_workers_contribution = Contribution of employers with 10 workers or more
temporary_unemployment_contribution = Temporary unemployment and seniority supplement
asbestos_fund = Asbestos fund
work_accidents_contribution = Work accidents, special contribution

# The payslip document's headings.
payslip-title = Payslip
payslip-employer = Employer
payslip-employee = Employee
payslip-period = Period
payslip-work-end = Last day of work
payslip-pay-date = Paid on
payslip-deadline = Payment deadline
payslip-category = Worker kind
payslip-gross = Gross wage
payslip-net = Net wage paid
payslip-line = Line
payslip-base = Base
payslip-rate = Rate
payslip-amount = Amount
payslip-sources = Sources

# A payslip computed under another state's legislation (Regulation (EC) 883/2004) says which.
payslip-legislation = Applicable legislation
payslip-legislation-value = { $country } (Regulation (EC) No 883/2004, Art. { $article })
country-BE = Belgium
country-FR = France
country-IT = Italy
country-NL = Netherlands
country-DE = Germany
country-ES = Spain
country-SE = Sweden
country-AT = Austria
country-HU = Hungary
country-LU = Luxembourg
