# The French pack's dunning letters: titles by level, sentences and labels.
# Variables come formatted by the node in the language's CLDR forms (dates "3 April 2026", amounts "€1,210.00").

dunning-title-reminder = Payment reminder
dunning-title-formal_notice = Formal notice to pay (mise en demeure)
dunning-title-handover = Last notice before handover to collection

dunning-vat-number = VAT { $number }
# Code de commerce art. R. 123-237: a company's letters carry its SIREN and "RCS" with the city of its registry.
dunning-enterprise = SIREN { $number } – RCS { $court }
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
dunning-interest = Late-payment penalties at { $rate } a year, from { $from } to { $to }
dunning-rate-until = { $rate } until { $date }
dunning-rate-from = { $rate } from { $date }
dunning-fee = Reminder fee
dunning-damages-business = Fixed indemnity for recovery costs (Code de commerce, art. L. 441-10 and D. 441-5)
dunning-damages-consumer = Damages
dunning-total = Total now claimed

dunning-interest-basis-business = Between professionals, late-payment penalties are due by law, without any reminder, from the day after the due date, at the European Central Bank's refinancing rate plus 10 points (Code de commerce, art. L. 441-10).
dunning-interest-basis-consumer = Interest at the legal rate runs from this formal notice (Code civil, art. 1231-6).

dunning-pay = Please transfer { $total } to { $name }'s account IBAN { $iban }, quoting the reference { $reference }.
dunning-pay-bic = Please transfer { $total } to { $name }'s account IBAN { $iban } (BIC { $bic }), quoting the reference { $reference }.
dunning-iban = IBAN
dunning-bic = BIC
dunning-reference = Reference

dunning-deadline-reminder = If we have not received your payment by { $date }, we will send you a further reminder.
dunning-deadline-formal_notice = If we have not received your payment by { $date }, we will send you a formal notice.
dunning-deadline-handover = If we have not received your payment by { $date }, we will hand the recovery of this debt to a third party (a commissaire de justice or a lawyer).
dunning-handover-now = Failing immediate payment, the recovery of this debt will be handed to a third party (a commissaire de justice or a lawyer), who will contact you.

dunning-consumer-first-post = This reminder is free of charge. You may pay the balance until { $date } included; after that date we will send you a formal notice, from which interest at the legal rate will run.
dunning-consumer-first-email = This reminder is free of charge. You may pay the balance until { $date } included; after that date we will send you a formal notice, from which interest at the legal rate will run.
dunning-consumer-then = From the formal notice, interest at the legal rate ({ $rate } a year) may be claimed from you.

dunning-crossed = If your payment has crossed this letter, please disregard it.
dunning-questions = For any question about this invoice, you can reach us at { $email }.
dunning-closing = Yours faithfully,
