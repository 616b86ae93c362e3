# Headings of the French pack's printed documents: invoice, credit note, payslip.
invoice-title = Invoice
credit-note-title = Credit note
invoice-number = Number
invoice-date = Invoice date
invoice-due-date = Due date
invoice-corrects = Credits invoice
invoice-seller = Seller
invoice-buyer = Customer
invoice-vat-number = VAT number
invoice-company-id = SIREN
invoice-buyer-reference = Your reference
invoice-description = Description
invoice-quantity = Quantity
invoice-unit-price = Unit price excl. VAT
invoice-vat-rate = VAT
invoice-net = Amount excl. VAT
invoice-vat-breakdown = VAT breakdown
invoice-vat-category = Category
invoice-taxable = Taxable base
invoice-tax = VAT
invoice-total-net = Total excl. VAT
invoice-total-vat = Total VAT
invoice-total = Total incl. VAT
invoice-prepaid = Already paid
invoice-due = Amount due
invoice-payment = Payment
invoice-iban = IBAN
invoice-bic = BIC
invoice-reference = Payment reference
invoice-mentions = Legal notices
credit-note-date = Credit note date
credit-note-total = Amount in your favour
vat-category-S = standard rate
vat-category-Z = zero rate
vat-category-E = exempt
vat-category-AE = reverse charge
vat-category-K = intra-community supply
vat-category-G = export
vat-category-O = outside the scope of VAT
unit-C62 = piece
unit-C62-other = pieces
unit-HUR = hour
unit-HUR-other = hours
unit-DAY = day
unit-DAY-other = days

# The printed payslip's headings (Code du travail art. R3243-1).
payslip-title = Payslip
payslip-employer = Employer
payslip-employee = Employee
payslip-employer-registration = SIRET
payslip-employer-activity = APE code
payslip-collective-agreement = Collective agreement (IDCC)
payslip-national-number = Social security number
payslip-address = Address
payslip-category = Status
payslip-job = Job
# The position in the collective agreement's classification: level or coefficient (Code du travail
# art. R3243-1, 4°), as the contract records it, "not recorded" otherwise.
payslip-classification = Classification
payslip-period = Period
payslip-days = Days worked
payslip-hours = Hours worked
payslip-hourly-rate = Gross hourly rate
payslip-work-end = Last day worked
payslip-pay-date = Payment date
payslip-deadline = Payment deadline
payslip-bank-account = Bank account credited
payslip-gross = Gross pay
payslip-net = Net paid
payslip-line = Item
payslip-base = Base
payslip-rate = Rate
payslip-amount = Amount
payslip-employer-lines = Employer contributions and cost (for information)
payslip-sources = Sources
payslip-sources-intro = Numbers in brackets refer to the sources below.
payslip-not-recorded = not recorded
payslip-kind-regular = monthly pay
payslip-kind-true_up = true-up
worker-category-cadre = cadre
worker-category-non-cadre = non-cadre
# Code du travail art. R3243-5: a visible notice inviting the employee to keep the payslip without time limit.
payslip-keep-notice = Keep this payslip without time limit: it helps you assert your rights. More: https://www.service-public.fr/particuliers/vosdroits/F559

# The written fixed-term contract (Code du travail L1242-12: motive, term, job, collective
# agreement, trial period, wage, supplementary pension fund and welfare body; L1242-13: given to
# the worker within two working days of hiring).
worker-category-artist = performing artist
worker-category-technician = performing arts technician
contract-title-fixed = Fixed-term employment contract
# Performing artists and technicians: CDD d'usage (L1242-2, 3°; D1242-1, 6°).
contract-title-fixed-artist = Fixed-term contract by custom (CDD d'usage)
contract-title-fixed-technician = Fixed-term contract by custom (CDD d'usage)
contract-title-open = Open-ended employment contract
contract-intro = The employer and the employee below agree as follows.
contract-reference = Contract reference
contract-kind = Kind of contract
contract-kind-per_performance = fixed-term, with a set end, for the days below
contract-kind-stabilised_monthly = open-ended, monthly wage
contract-kind-hourly = fixed-term, by the hour
contract-kind-framework = framework contract
contract-function = Job
# Beside the job, the classification the payslip prints (R3243-1, 4°; R1221-34: the job's title,
# functions and category of employment).
contract-classification = Classification
contract-place = Place of work
contract-start = Start
contract-end = End
contract-end-open = no end date
contract-gross = Gross wage
contract-gross-framework = set by each hourly contract
contract-motive = Motive
contract-motive-value = not recorded (Code du travail L1242-2)
# The CDD's motive, a case of Code du travail L1242-2 (L1242-12: "the precise definition of its
# motive"; 1°: "the name and professional qualification of the person replaced").
contract-motive-replacement = replacing { $name }, { $job }, who is absent (Code du travail L1242-2, 1°)
contract-motive-activity_increase = a temporary increase in the enterprise's activity (Code du travail L1242-2, 2°)
contract-motive-seasonal = a seasonal job (Code du travail L1242-2, 3°)
contract-motive-customary = a job for which it is the constant custom not to use open-ended contracts, in the sector: { $sector } (Code du travail L1242-2, 3° and D1242-1)
# The cases, in short, for the declaration form's list.
contract-case-replacement = Replacing an absent employee (L1242-2, 1°)
contract-case-activity_increase = Temporary increase in activity (L1242-2, 2°)
contract-case-seasonal = Seasonal job (L1242-2, 3°)
contract-case-customary = Customary fixed-term contract (L1242-2, 3° and D1242-1)
# The sectors of article D1242-1 the pack offers.
contract-sector-sport = professional sport (D1242-1, 5°)
contract-sector-entertainment = performing arts, cultural action, audiovisual, film production, sound recording (D1242-1, 6°)
contract-sector-teaching = teaching (D1242-1, 7°)
contract-sector-information = information, survey and polling activities (D1242-1, 8°)
# The supplementary pension institution and welfare body (L1242-12, 5°), also on the payslip.
payslip-pension-fund = Supplementary pension and welfare
contract-trial = Trial period
contract-trial-value = none
contract-pension-fund = Pension and welfare
contract-pension-fund-value = not recorded
contract-schedule = Working days and hours
contract-date = Date
contract-from = From
contract-to = To
contract-hours = Hours
contract-total = Total
contract-wage-basis = The gross wage of { $gross } pays for all the days above, with no bonus or extra. It is set from the budget of { $budget } the activity gives it, employer contributions included, and paid by transfer to the employee's account.
contract-wage-basis-stabilised_monthly = The monthly gross wage of { $gross }, with no bonus or extra, is paid every month by transfer to the employee's account. It is set from the yearly budget of { $budget } the activity gives it, employer contributions included.
contract-wage-basis-framework = Each shift the platform reports makes a fixed-term hourly contract of its own, which states its hours and gross wage, with no bonus or extra. That wage is set from the hours worked at the platform's rate, less the cooperative's fee and employer contributions included, and paid by transfer to the employee's account.
contract-legal-fixed = Contract made in writing (Code du travail L1242-12) and given to the employee within two working days of hiring (L1242-13).
contract-signed = Made in { $city } on { $date }, in two copies, each party acknowledging receipt of its own.
contract-signature-employer = For the employer
contract-signature-worker = The employee

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
