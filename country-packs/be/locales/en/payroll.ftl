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
