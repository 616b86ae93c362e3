# The node's refusals, one message per problem code (`/problems/{code}`).
# Each says what the #[error] text of its refusal says (node/src/service/errors.rs; core's InvoiceError for
# the last five), and a test compares them.
# Values come already written as text: ids, dates (YYYY-MM-DD), amounts with their currency.

member-cannot-open-activity = member { $member } is { $status }: only a member with a paid share can open an activity
activity-closed = activity { $activity } is closed

email-taken = a member with email { $email } already exists
member-without-identity = member { $member } has no national number and birth date: the hiring declaration needs them

transfer-not-federated = member transfers need the federation settings: federation.node, federation.key_file and federation.peers_file
transfer-to-itself = { $destination } is this office: a transfer goes to another one
transfer-unknown-destination = no office { $destination } is enrolled in the federation's keys
member-cannot-move = member { $member } is { $status }: only a member in good standing can move to another office
transfer-already-open = member { $member } already has an open transfer
transfer-expired = transfer { $transfer } has expired
transfer-closed = transfer { $transfer } is { $status }: it can no longer be { $step }ed
transfer-wrong-side = this office is the { $side } of transfer { $transfer }, which cannot { $step } it
transfer-shares-rule-differs = transfer { $transfer }: the origin's shares rule is { $theirs }, this office's is { $ours }
transfer-cannot-carry-shares = transfer { $transfer }: shares of { $theirs } cannot be carried into shares of { $ours }
settlement-above-balance = settling { $amount } { $direction } with office { $office } is more than the { $owed } owed that way

member-cannot-invoice = the activity's member is { $status }: only a member can invoice
draft-has-no-e-invoice = a draft has no e-invoice: issue it first

member-cannot-declare-work = the activity's member is { $status }: only a member can declare work
declaration-already-decided = a declaration that is { $status } cannot be { $decision }
work-already-started = the work of { $start } has already started: the hiring declaration must precede it
budget-too-small = the activity's budget is { $available }: it cannot pay { $budget } for this work
contract-motive-required = a fixed-term contract states its motive: give motive.code, one of { $allowed }
contract-motive-not-accepted = this contract states no motive: leave motive out
contract-motive-unknown = { $field }: '{ $value }' is not one of { $allowed }
contract-motive-incomplete = { $field } is required for the motive { $code }
contract-motive-unexpected = { $field } does not apply to the motive { $code }
contract-motive-too-long = { $field } is longer than { $max } characters
classification-too-long = classification is longer than { $max } characters
no-pack-for-legislation = the work falls under the social-security legislation of { $state }, and no country pack computes it (available: { $available })
worker-kind-not-in-legislation = the work falls under the legislation of { $state }, whose pack knows no worker kind '{ $category }': give one of { $allowed }
legislation-currency = the work falls under the legislation of { $state }, whose pack pays in { $currency }: this node keeps its books in { $node_currency }

not-acknowledged = the IN declaration { $declaration } has no acknowledgement yet: record its period numbers with PUT /hiring-declarations/{ $declaration }/acknowledgement first, since an OUT or CANCEL names them
not-an-in-declaration = declaration { $declaration } is an { $action }: only an IN is acknowledged with period numbers
already-acknowledged = declaration { $declaration } is already acknowledged
contract-not-active = contract { $contract } is { $status }
contract-started = contract { $contract } started at { $starts_at }: a contract is cancelled before its work, ended after
contract-kind-not-cancellable = a { $kind } contract is not cancelled on its own
contract-ends-with-its-work = a { $kind } contract ends with its work: cancel it before it starts
salary-already-paid = the salary of { $period } is paid: the contract can end in a later month only
no-days-to-change = a { $kind } contract has no days to change
hours-changed-too-late = the work of { $date } has started or would start before now: hours are changed before the work
no-period-number = the acknowledgement has no period number for the day { $date }

draft-not-dunned = a draft is not dunned: issue it first
invoice-not-dunnable = the invoice is { $status }: only an issued, unpaid invoice is dunned
dunning-transition = the invoice's dunning is { $current }: it cannot become { $next }

expense-transition = a { $from } claim cannot become { $to }
member-cannot-claim-expenses = the member is { $status }: only a member can claim expenses
budget-too-small-to-repay = the activity's budget is { $available }: it cannot repay this { $amount } expense
nothing-repaid = no expense claim was repaid on { $date }: there is nothing to transfer
receipt-type-not-accepted = a receipt is a PDF, JPEG or PNG file: { $content_type } is not accepted
receipt-not-its-type = the receipt sent as { $content_type } is not a { $content_type } file: its first bytes say otherwise
receipt-too-large = a receipt is at most { $limit_mib } MiB: this file is larger
receipt-locked = the claim is { $status }: its receipt can be replaced only while it is submitted
no-receipt-file = expense claim { $claim } has no receipt file
receipt-deleted = the receipt file of expense claim { $claim } was deleted on { $on }, at the end of its retention

fund-cannot-advance = the guarantee fund holds { $held } it can lend, with { $promised } promised on order forms: it cannot advance { $advance } more
order-form-not-open = order form { $order_form } is { $status }: only an open one can be invoiced
invoice-for-other-order = invoice { $invoice } is not for this order form's activity and client
invoice-not-issued = invoice { $invoice } is { $status }: issue it first
invoice-closes-another-order-form = invoice { $invoice } already closes another order form

run-not-completed = payroll run { $run } is still running: its file comes once it completes
run-paid-nothing = payroll run { $run } paid no contract: there is nothing to transfer

no-bank-account = member { $member } has no bank account: record it with PUT /members/{"{"}id{"}"}/payroll
entity-iban-invalid = entity.iban: { $reason }
entity-bic-invalid = entity.bic: { $reason }
transfer-file-refused = the transfer file cannot be made: { $reason }

already-enrolled = '{ $worker_ref }' is already enrolled with { $platform }
member-cannot-enrol = the member is { $status }: only a member can be enrolled
batch-id-reused = batch '{ $batch }' was already posted with other lines: a new batch needs a new id

no-payslip-in-period = no payslip in { $quarter }: there is nothing to declare
worker-without-identity = member { $member } ({ $first_name } { $last_name }) has no national number and birth date: the { $quarter } return names every worker by them; record them with PUT /members/{"{"}id{"}"}/identity
return-totals-refused = the { $quarter } return cannot be made: { $reason }
return-refused-by-pack = the { $quarter } return cannot be made: { $reason }
too-many-to-count = { $count } is too many to count
return-version-taken = another build of { $quarter } took version { $version } meanwhile: send it again

already-issued = the invoice is already { $status }: only a draft can be issued
not-payable = an invoice that is { $status } cannot receive a payment
not-cancellable = an invoice that is { $status } cannot be cancelled by a credit note (only an issued, unpaid one)
not-chronological = issue date { $date } is before { $last }, the date of the previous number in the series
overpayment = payment of { $amount } exceeds the { $outstanding } still due

# The node's own problems that quote their values.
not-found = no { $what } with id { $id }
out-of-range = { $field }: must be from { $min } to { $max }, got { $got }
above-ceiling = { $field }: { $value } is above this node's ceiling of { $limit }

# Sign-in and access (crate::auth).
no-token = send Authorization: Bearer <token>, or sign in at /auth/login
bad-token = the bearer token is not valid
session-invalid = the session cookie is not valid or has expired: sign in again at /auth/login
csrf-token-missing = a signed-in browser's { $method } needs its session's CSRF token in X-CSRF-Token (or the csrf form field)
role-forbidden = a { $role } may not { $method } { $route }
not-yours = { $what } { $id } is not yours
own-records-only = a member lists and writes only their own: name your member_id ({ $member }) or an activity_id of yours
login-state-unknown = this sign-in is unknown, already used or was started in another browser: start again at /auth/login
login-refused = the identity provider refused the sign-in: { $reason }
id-token-refused = the identity provider's ID token is refused: { $reason }
no-account = { $email } is neither a member's e-mail nor an account of this office
identity-provider-unavailable = the identity provider cannot be used: { $reason }
sign-in-not-configured = this node has no identity provider: set auth.issuer, auth.client_id and auth.client_secret

# Staff accounts and their roles (crate::auth::sessions).
account-email-malformed = { $email } is not an e-mail address: a staff account's is name@domain, in plain ASCII
account-email-is-a-members = { $email } is a member's e-mail: the member signs in with it as a member, not as staff
account-exists = { $email } already has an account
not-a-staff-role = { $role } is not a staff role: advisor, admin or hq
member-account-role-fixed = account { $account } is a member's: it keeps the member role
last-admin = account { $account } is the last admin: it stays admin until another account is made admin

# A request's field that does not fit (crate::http::extract): the form each one takes.
malformed-json = the body is not valid JSON: { $reason } (line { $line }, column { $column })
field-expected = { $field }: expected { $form }
field-expected-got = { $field }: expected { $form }, got { $got }
field-required = { $field }: required
field-required-form = { $field }: expected { $form } (required)
field-unknown = { $field }: not a field of this request; expected one of { $fields }
field-unknown-none = { $field }: not a field of this request, which takes none
form-date = a date as YYYY-MM-DD
form-date-time = a date and time as RFC 3339 with its offset (2026-03-02T09:30:00+01:00)
form-uuid = a UUID (8-4-4-4-12 hexadecimal digits)
form-integer-between = a whole number from { $min } to { $max }
form-integer-from = a whole number of at least { $min }
form-integer = a whole number
form-boolean = true or false
form-array = a JSON array
form-object = a JSON object
form-string-like = a string like { $example }
form-string = a string

# Warnings: a work declaration abroad is recorded, and its view says what still needs doing.
a1-missing = no A1 certificate of { $state } covers { $first_day } to { $last_day }: ask { $state }'s competent institution for one (Regulation 987/2009 Art. 15 or 16) and record it with POST /members/{ $member }/a1-certificates
residence-share-below-line = the member's share of work in { $residence }, where they live, is { $share } %, less than { $margin } points under the 25 % line (Regulation 987/2009 Art. 14(8)): a little more work there makes { $residence }'s legislation apply (Regulation 883/2004 Art. 13(1)(a))
residence-share-above-line = the member's share of work in { $residence }, where they live, is { $share } %, less than { $margin } points over the 25 % line (Regulation 987/2009 Art. 14(8)): a little more work elsewhere makes { $employer }'s legislation apply (Regulation 883/2004 Art. 13(1)(b)(i))
legislation-outside-coordination = { $state } does not apply Regulation (EC) 883/2004: no legislation is decided here (a bilateral agreement or national law decides), and the contract is computed with this node's pack
residence-unknown = member { $member } has no country of residence on record: the decision assumed { $state }; record their home address with PUT /members/{ $member }/identity
