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

# The legal basis of each line, printed in the payslip's "Sources" appendix (the JSON answer
# keeps each parameter's whole source, with its cross-checks).
basis-employee_social = Law of 29 June 1981 on the general principles of employees' social security, art. 38 § 2
basis-social_work_bonus_a = Law of 20 December 1999 (work bonus), art. 2; RD of 17 January 2000
basis-social_work_bonus_b = Law of 20 December 1999 (work bonus), art. 2; RD of 17 January 2000
basis-taxable = Income Tax Code 1992 (CIR/WIB 92), art. 31 (remuneration), less the employee's contributions
basis-withholding_key = RD implementing the Income Tax Code 1992, Annex III (key formula)
basis-withholding_reductions = RD implementing the Income Tax Code 1992, Annex III (reductions for dependants)
basis-fiscal_work_bonus = Income Tax Code 1992, art. 289ter/1 (fiscal work bonus)
basis-withholding_tax = Income Tax Code 1992, art. 270 to 275; its implementing RD, Annex III
basis-special_social_contribution = Law of 30 March 1994 on social provisions, art. 106 to 112
basis-employer_social = Law of 29 June 1981, art. 38 § 3; law of 26 December 2015 (job creation and purchasing power), art. 17 to 26
basis-holiday_pay_provision = Coordinated laws of 28 June 1971 on annual holidays; RD of 30 March 1967
basis-cooperative_margin = Cooperative rule: employer cost = gross × the coefficient the office sets
basis-employer_cost = Cooperative rule: the budget used is the employer cost
basis-structural_reduction = Programme law (I) of 24 December 2002; RD of 16 May 2003 (structural reduction)
basis-artists_reduction = Programme law (I) of 24 December 2002; RD of 16 May 2003 (artists' target-group reduction)
basis-closing_fund = Law of 26 June 2002 on closures of enterprises
basis-closing_fund_special = Law of 26 June 2002 on closures of enterprises
basis-ten_workers_contribution = NSSO, DmfA administrative instructions: special contributions
basis-temporary_unemployment_contribution = NSSO, DmfA administrative instructions: special contributions
basis-asbestos_fund = Programme law of 27 December 2006 (Asbestos Fund)
basis-work_accidents_contribution = NSSO, DmfA administrative instructions: special contributions
