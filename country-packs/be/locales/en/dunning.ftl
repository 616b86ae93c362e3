# The Belgian pack's dunning letters: titles by level, sentences and labels.
# Variables come formatted by the node in the language's CLDR forms (dates "3 April 2026", amounts "€1,210.00").

dunning-title-reminder = First reminder
dunning-title-formal_notice = Formal notice
dunning-title-handover = Last notice before handover to collection

dunning-vat-number = VAT { $number }
# Code of companies and associations art. 2:20: a company's letters carry its enterprise
# number and "RPM"/"RPR" with the court of its seat.
dunning-enterprise = Enterprise number { $number } – RPM/RPR { $court }
dunning-place-date = { $city }, { $date }
dunning-by-post = By post
dunning-by-email = By e-mail
dunning-subject = Re: invoice { $number } of { $date }
dunning-salutation = Dear Sir or Madam,

dunning-intro-reminder = According to our records, the invoice below, due on { $due }, has not yet been paid in full. We kindly ask you to pay the balance.
dunning-intro-formal_notice = Despite our reminder of { $previous }, the invoice below, due on { $due }, remains unpaid. We hereby formally give you notice to pay the total amount of the statement below.
dunning-intro-handover = Despite our reminders, the last of which is dated { $previous }, the invoice below, due on { $due }, remains unpaid.

dunning-invoice-number = Invoice number
dunning-invoice-date = Invoice date
dunning-due-date = Due date
dunning-gross = Amount including VAT
dunning-paid = Paid so far
dunning-outstanding = Outstanding

dunning-statement = Statement
dunning-amount = Amount
dunning-interest = Late-payment interest at { $rate } a year, from { $from } to { $to }
dunning-rate-until = { $rate } until { $date }
dunning-rate-from = { $rate } from { $date }
dunning-fee = Reminder fee
dunning-damages-business = Fixed compensation for recovery costs (law of 2 August 2002, art. 6)
dunning-damages-consumer = Lump-sum damages (Code of Economic Law, art. XIX.2)
dunning-total = Total now claimed

dunning-interest-basis-business = Between businesses, late-payment interest is due by law, without notice, from the day after the due date (law of 2 August 2002 on combating late payment in commercial transactions, art. 5).
dunning-interest-basis-consumer = Late-payment interest runs from the end of the period our first reminder gave you (Code of Economic Law, art. XIX.2), at the rate of the law of 2 August 2002.

dunning-pay = Please transfer { $total } to { $name }'s account IBAN { $iban }, quoting the structured reference { $reference }.
dunning-pay-bic = Please transfer { $total } to { $name }'s account IBAN { $iban } (BIC { $bic }), quoting the structured reference { $reference }.
dunning-iban = IBAN
dunning-bic = BIC
dunning-reference = Structured reference

dunning-deadline-reminder = If we have not received your payment by { $date }, we will send you a further reminder.
dunning-deadline-formal_notice = If we have not received your payment by { $date }, we will send you a formal notice.
dunning-deadline-handover = If we have not received your payment by { $date }, we will hand the recovery of this debt to a third party (a debt collection agency, a lawyer or a bailiff).
dunning-handover-now = Failing immediate payment, the recovery of this debt will be handed to a third party (a debt collection agency, a lawyer or a bailiff), who will contact you.

dunning-consumer-first-post = This first reminder is free of charge. Under article XIX.2 of the Code of Economic Law, you have at least fourteen calendar days, starting on the third working day after this reminder was sent, to pay the balance, that is until { $date } included, before any damages or late-payment interest may be claimed from you.
dunning-consumer-first-email = This first reminder is free of charge. Under article XIX.2 of the Code of Economic Law, you have at least fourteen calendar days, starting on the day after this reminder was sent by e-mail, to pay the balance, that is until { $date } included, before any damages or late-payment interest may be claimed from you.
dunning-consumer-then = After that period, lump-sum damages of at most { $damages } and late-payment interest at { $rate } a year may be claimed from you.

dunning-crossed = If your payment has crossed this letter, please disregard it.
dunning-questions = For any question about this invoice, you can reach us at { $email }.
dunning-closing = Yours faithfully,
