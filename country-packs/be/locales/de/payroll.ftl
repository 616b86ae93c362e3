# Zeilen der Lohnabrechnung des belgischen Pakets, nach Zeilencode.
#
# Belgisches Verwaltungsdeutsch, wie es die föderalen Verwaltungen für die Deutschsprachige
# Gemeinschaft schreiben:
# - LSS (Landesamt für soziale Sicherheit), persönliche Arbeitnehmerbeiträge, Arbeitgeberbeiträge,
#   besondere Beiträge: https://rsz.fgov.be/de/arbeitgeber-und-lss/bezahlungen,
#   https://www.lss.be/geld-und-daten/beitrage-einziehen
# - Arbeitsbonus (Ermäßigung der Arbeitnehmerbeiträge), Strukturelle Ermäßigung,
#   Zielgruppenermäßigung, Asbestfonds: socialsecurity.be, DmfA-Anweisungen auf Deutsch
#   (https://www.socialsecurity.be/employer/instructions/dmfa/de/latest/instructions/deductions/structuralreduction_targetgroupreductions/structuralreduction.html,
#   .../dmfappl/de/2017-1/instructions/deductions_employementmeasures/personaldeduction/workbonus/calculation.html,
#   .../dmfappl/de/2012-3/intermediates)
# - Fonds für die Schließung von Unternehmen, doppeltes Urlaubsgeld:
#   https://sinstallerenbelgique.be/de/geschafte-machen/berechnung-und-zahlung-von-sozialversicherungsbeitragen
# - Berufssteuervorabzug, Schlüsselformel (Anlage III zum KE/EStGB 92):
#   https://finanzen.belgium.be/de/unternehmen/personal-und-lohn/berufssteuervorabzug/steuerbefreiungen/steuerbefreiungen-allgemeines,
#   https://financien.belgium.be/de/news/mitteilung-die-schuldner-von-l%C3%B6hnen-pensionen-und-arbeitslosengeldern-mit-betriebszuschlag-die
employee_social = Persönliche Sozialversicherungsbeiträge
social_work_bonus_a = Sozialer Arbeitsbonus, Teil A
social_work_bonus_b = Sozialer Arbeitsbonus, Teil B
taxable = Steuerpflichtiger Lohn
withholding_key = Berufssteuervorabzug nach der Schlüsselformel
withholding_reductions = Ermäßigungen für Familienlasten
fiscal_work_bonus = Steuerlicher Arbeitsbonus
withholding_tax = Berufssteuervorabzug
special_social_contribution = Besonderer Beitrag für die soziale Sicherheit
employer_social = Arbeitgeberbeiträge zur sozialen Sicherheit
holiday_pay_provision = Rückstellung für Urlaubsgeld
cooperative_margin = Versicherungen, Lohnkosten und gemeinsame Marge
employer_cost = Arbeitgeberkosten (verwendetes Budget)
structural_reduction = Strukturelle Ermäßigung (monatlicher Vorschuss)
artists_reduction = Zielgruppenermäßigung Künstler (monatlicher Vorschuss)
closing_fund = Fonds für die Schließung von Unternehmen, Basisbeitrag
closing_fund_special = Fonds für die Schließung von Unternehmen, Sonderbeitrag (zeitweilige Arbeitslosigkeit)
ten_workers_contribution = Beitrag der Arbeitgeber mit 10 oder mehr Arbeitnehmern
temporary_unemployment_contribution = Zeitweilige Arbeitslosigkeit und Dienstalterszuschlag
asbestos_fund = Asbestfonds
work_accidents_contribution = Sonderbeitrag Arbeitsunfälle

# Die Überschriften der Lohnabrechnung.
payslip-title = Lohnabrechnung
payslip-employer = Arbeitgeber
payslip-employee = Arbeitnehmer
payslip-period = Zeitraum
payslip-work-end = Letzter Arbeitstag
payslip-pay-date = Gezahlt am
payslip-deadline = Spätester Zahlungstag
payslip-category = Arbeitnehmerkategorie
payslip-gross = Bruttolohn
payslip-net = Gezahlter Nettolohn
payslip-line = Zeile
payslip-base = Grundlage
payslip-rate = Satz
payslip-amount = Betrag
payslip-sources = Quellen

# A payslip computed under another state's legislation (Regulation (EC) 883/2004) says which.
payslip-legislation = Anzuwendende Rechtsvorschriften
payslip-legislation-value = { $country } (Verordnung (EG) Nr. 883/2004, Art. { $article })
country-BE = Belgien
country-FR = Frankreich
country-IT = Italien
country-NL = Niederlande
country-DE = Deutschland
country-ES = Spanien
country-SE = Schweden
country-AT = Österreich
country-HU = Ungarn
country-LU = Luxemburg

# Die Rechtsgrundlage jeder Zeile, gedruckt im Anhang „Quellen“ der Lohnabrechnung
# (die JSON-Antwort behält die vollständige Quelle jedes Parameters mit ihren Prüfungen).
basis-employee_social = Gesetz vom 29. Juni 1981 (allgemeine Grundsätze der sozialen Sicherheit der Lohnempfänger), Art. 38 § 2
basis-social_work_bonus_a = Gesetz vom 20. Dezember 1999 (Beschäftigungsbonus), Art. 2; KE vom 17. Januar 2000
basis-social_work_bonus_b = Gesetz vom 20. Dezember 1999 (Beschäftigungsbonus), Art. 2; KE vom 17. Januar 2000
basis-taxable = EStGB 92, Art. 31 (Entlohnungen), nach Abzug der persönlichen Beiträge
basis-withholding_key = KE/EStGB 92, Anlage III (Schlüsselformel)
basis-withholding_reductions = KE/EStGB 92, Anlage III (Ermäßigungen für Familienlasten)
basis-fiscal_work_bonus = EStGB 92, Art. 289ter/1 (steuerlicher Beschäftigungsbonus)
basis-withholding_tax = EStGB 92, Art. 270 bis 275; KE/EStGB 92, Anlage III
basis-special_social_contribution = Gesetz vom 30. März 1994 zur Festlegung sozialer Bestimmungen, Art. 106 bis 112
basis-employer_social = Gesetz vom 29. Juni 1981, Art. 38 § 3; Gesetz vom 26. Dezember 2015 (Schaffung von Arbeitsplätzen und Kaufkraft), Art. 17 bis 26
basis-holiday_pay_provision = Koordinierte Gesetze vom 28. Juni 1971 über den Jahresurlaub; KE vom 30. März 1967
basis-cooperative_margin = Regel der Genossenschaft: Arbeitgeberkosten = Bruttolohn × vom Büro festgelegter Koeffizient
basis-employer_cost = Regel der Genossenschaft: das verwendete Budget sind die Arbeitgeberkosten
basis-structural_reduction = Programmgesetz (I) vom 24. Dezember 2002; KE vom 16. Mai 2003 (strukturelle Ermäßigung)
basis-artists_reduction = Programmgesetz (I) vom 24. Dezember 2002; KE vom 16. Mai 2003 (Zielgruppenermäßigung für Künstler)
basis-closing_fund = Gesetz vom 26. Juni 2002 über die Schließung von Unternehmen
basis-closing_fund_special = Gesetz vom 26. Juni 2002 über die Schließung von Unternehmen
basis-ten_workers_contribution = LSS, Verwaltungsanweisungen DmfA: Sonderbeiträge
basis-temporary_unemployment_contribution = LSS, Verwaltungsanweisungen DmfA: Sonderbeiträge
basis-asbestos_fund = Programmgesetz vom 27. Dezember 2006 (Asbestfonds)
basis-work_accidents_contribution = LSS, Verwaltungsanweisungen DmfA: Sonderbeiträge
