### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Les refus du nœud, un message par code de problème (`/problems/{code}`).
# Les valeurs arrivent déjà écrites : identifiants, dates (AAAA-MM-JJ), montants avec leur devise ;
# les statuts (applicant, validated…) restent ceux de l'API.

member-cannot-open-activity = le membre { $member } est { $status } : seul un membre dont la part est payée peut ouvrir une activité
activity-closed = l'activité { $activity } est clôturée

email-taken = un membre a déjà l'adresse e-mail { $email }
member-without-identity = le membre { $member } n'a ni numéro national ni date de naissance : la déclaration d'embauche en a besoin

transfer-not-federated = les transferts de membres demandent les réglages de la fédération : federation.node, federation.key_file et federation.peers_file
transfer-to-itself = { $destination } est ce bureau : un transfert va vers un autre
transfer-unknown-destination = aucun bureau { $destination } n'est inscrit parmi les clés de la fédération
member-cannot-move = le membre { $member } est { $status } : seul un membre en règle peut passer à un autre bureau
transfer-already-open = le membre { $member } a déjà un transfert en cours
transfer-expired = le transfert { $transfer } a expiré
transfer-closed = le transfert { $transfer } est { $status } : l'étape { $step } n'est plus possible
transfer-wrong-side = ce bureau est l'extrémité { $side } du transfert { $transfer }, qui ne peut pas faire l'étape { $step }
transfer-shares-rule-differs = transfert { $transfer } : la règle des parts du bureau d'origine est { $theirs }, celle de ce bureau est { $ours }
transfer-cannot-carry-shares = transfert { $transfer } : des parts de { $theirs } ne peuvent pas devenir des parts de { $ours }
settlement-above-balance = régler { $amount } ({ $direction }) avec le bureau { $office } dépasse les { $owed } dus dans ce sens

member-cannot-invoice = le membre de l'activité est { $status } : seul un membre peut facturer
draft-has-no-e-invoice = un brouillon n'a pas de facture électronique : émettez-le d'abord

member-cannot-declare-work = le membre de l'activité est { $status } : seul un membre peut déclarer du travail
declaration-already-decided = une déclaration { $status } ne peut pas être { $decision }
work-already-started = le travail du { $start } a déjà commencé : la déclaration d'embauche doit le précéder
budget-too-small = le budget de l'activité est de { $available } : il ne peut pas payer { $budget } pour ce travail
contract-motive-required = un contrat à durée déterminée énonce son motif : indiquez motive.code, parmi { $allowed }
contract-motive-not-accepted = ce contrat n'énonce pas de motif : omettez motive
contract-motive-unknown = { $field } : « { $value } » ne fait pas partie de { $allowed }
contract-motive-incomplete = { $field } est requis pour le motif { $code }
contract-motive-unexpected = { $field } ne s'applique pas au motif { $code }
contract-motive-too-long = { $field } dépasse { $max } caractères
classification-too-long = classification dépasse { $max } caractères
no-pack-for-legislation = le travail relève de la législation de sécurité sociale de { $state }, et aucun pack national ne la calcule (disponibles : { $available })
worker-kind-not-in-legislation = le travail relève de la législation de { $state }, dont le pack ne connaît pas le type de travailleur « { $category } » : indiquez l'un de { $allowed }
legislation-currency = le travail relève de la législation de { $state }, dont le pack paie en { $currency } : ce nœud tient ses comptes en { $node_currency }

not-acknowledged = la déclaration IN { $declaration } n'a pas encore d'accusé de réception : enregistrez ses numéros de période avec PUT /hiring-declarations/{ $declaration }/acknowledgement d'abord, car un OUT ou un CANCEL les cite
not-an-in-declaration = la déclaration { $declaration } est un { $action } : seul un IN reçoit des numéros de période
already-acknowledged = la déclaration { $declaration } a déjà son accusé de réception
contract-not-active = le contrat { $contract } est { $status }
contract-started = le contrat { $contract } a commencé le { $starts_at } : un contrat s'annule avant son travail et se termine après
contract-kind-not-cancellable = un contrat { $kind } ne s'annule pas seul
contract-ends-with-its-work = un contrat { $kind } se termine avec son travail : annulez-le avant qu'il commence
salary-already-paid = le salaire de { $period } est payé : le contrat ne peut se terminer qu'un mois suivant
no-days-to-change = un contrat { $kind } n'a pas de jours à modifier
hours-changed-too-late = le travail du { $date } a commencé ou commencerait avant maintenant : les heures se modifient avant le travail
no-period-number = l'accusé de réception n'a pas de numéro de période pour le { $date }

draft-not-dunned = un brouillon ne fait pas l'objet d'un rappel : émettez-le d'abord
invoice-not-dunnable = la facture est { $status } : seule une facture émise et impayée fait l'objet d'un rappel
dunning-transition = le recouvrement de la facture est { $current } : il ne peut pas devenir { $next }

expense-transition = une note de frais { $from } ne peut pas devenir { $to }
member-cannot-claim-expenses = le membre est { $status } : seul un membre peut déclarer des frais
budget-too-small-to-repay = le budget de l'activité est de { $available } : il ne peut pas rembourser cette dépense de { $amount }
nothing-repaid = aucune note de frais n'a été remboursée le { $date } : il n'y a rien à virer
receipt-type-not-accepted = un justificatif est un fichier PDF, JPEG ou PNG : { $content_type } n'est pas accepté
receipt-not-its-type = le justificatif envoyé comme { $content_type } n'est pas un fichier { $content_type } : ses premiers octets disent autre chose
receipt-too-large = un justificatif fait au plus { $limit_mib } Mio : ce fichier est plus grand
receipt-locked = la note de frais est { $status } : son justificatif ne peut être remplacé que tant qu'elle est soumise
no-receipt-file = la note de frais { $claim } n'a pas de fichier justificatif
receipt-deleted = le fichier justificatif de la note de frais { $claim } a été supprimé le { $on }, au terme de sa durée de conservation

fund-cannot-advance = le fonds de garantie détient { $held } qu'il peut prêter, dont { $promised } promis sur des bons de commande : il ne peut pas avancer { $advance } de plus
order-form-not-open = le bon de commande { $order_form } est { $status } : seul un bon ouvert peut être facturé
invoice-for-other-order = la facture { $invoice } ne concerne pas l'activité et le client de ce bon de commande
invoice-not-issued = la facture { $invoice } est { $status } : émettez-la d'abord
invoice-closes-another-order-form = la facture { $invoice } clôture déjà un autre bon de commande

run-not-completed = le calcul de paie { $run } est en cours : son fichier vient quand il est terminé
run-paid-nothing = le calcul de paie { $run } n'a payé aucun contrat : il n'y a rien à virer

no-bank-account = le membre { $member } n'a pas de compte bancaire : enregistrez-le avec PUT /members/{"{"}id{"}"}/payroll
entity-iban-invalid = entity.iban : { $reason }
entity-bic-invalid = entity.bic : { $reason }
transfer-file-refused = le fichier de virements ne peut pas être créé : { $reason }

already-enrolled = « { $worker_ref } » est déjà inscrit chez { $platform }
member-cannot-enrol = le membre est { $status } : seul un membre peut être inscrit
batch-id-reused = le lot « { $batch } » a déjà été envoyé avec d'autres lignes : un nouveau lot demande un nouvel identifiant

no-payslip-in-period = aucune fiche de paie en { $quarter } : il n'y a rien à déclarer
worker-without-identity = le membre { $member } ({ $first_name } { $last_name }) n'a ni numéro national ni date de naissance : la déclaration de { $quarter } nomme chaque travailleur par eux ; enregistrez-les avec PUT /members/{"{"}id{"}"}/identity
return-totals-refused = la déclaration de { $quarter } ne peut pas être faite : { $reason }
return-refused-by-pack = la déclaration de { $quarter } ne peut pas être faite : { $reason }
too-many-to-count = { $count }, c'est trop pour être compté
return-version-taken = une autre construction de { $quarter } a pris la version { $version } entre-temps : renvoyez la demande

already-issued = la facture est déjà { $status } : seul un brouillon peut être émis
not-payable = une facture { $status } ne peut pas recevoir de paiement
not-cancellable = une facture { $status } ne peut pas être annulée par une note de crédit (seule une facture émise et impayée le peut)
not-chronological = la date d'émission { $date } précède le { $last }, date du numéro précédent de la série
overpayment = le paiement de { $amount } dépasse les { $outstanding } encore dus

# Les problèmes du nœud lui-même qui citent leurs valeurs ; `kind` choisit le nom.
not-found = { $kind ->
        [account] aucun compte
        [activity] aucune activité
        [api-token] aucun jeton d'API
        [batch] aucun lot
        [client] aucun client
        [contract] aucun contrat
        [country-pack] aucun module pays
        [credit-note] aucune note de crédit
        [dunning-step] aucune étape de rappel
        [expense-claim] aucune note de frais
        [hiring-declaration] aucune déclaration d'embauche
        [invoice] aucune facture
        [job] aucune tâche
        [member] aucun membre
        [member-transfer] aucun transfert de membre
        [order-form] aucun bon de commande
        [parked-message] aucun message de la fédération mis de côté
        [payroll-run] aucun calcul de paie
        [payslip] aucune fiche de paie
        [platform] aucune plateforme
        [posting-notice] aucun avis de détachement
        [quarterly-return] aucune déclaration périodique
        [work-declaration] aucune déclaration de travail
       *[other] rien ({ $what })
    } avec l'identifiant { $id }
out-of-range = { $field } : doit être compris entre { $min } et { $max }, reçu { $got }
above-ceiling = { $field } : { $value } dépasse le plafond de ce nœud, { $limit }

# Connexion et accès (crate::auth).
no-token = envoyez Authorization: Bearer <jeton>, ou connectez-vous sur /auth/login
bad-token = le jeton d'accès n'est pas valide
session-invalid = le cookie de session n'est pas valide ou a expiré : reconnectez-vous sur /auth/login
csrf-token-missing = un { $method } d'un navigateur connecté doit porter le jeton CSRF de sa session dans X-CSRF-Token (ou le champ de formulaire csrf)
role-forbidden = le rôle { $role } ne permet pas { $method } { $route }
not-yours = { $what } { $id } ne vous appartient pas
own-records-only = un membre ne liste et n'écrit que ce qui est à lui : indiquez votre member_id ({ $member }) ou l'activity_id d'une de vos activités
login-state-unknown = cette connexion est inconnue, déjà utilisée ou commencée dans un autre navigateur : recommencez sur /auth/login
login-refused = le fournisseur d'identité a refusé la connexion : { $reason }
id-token-refused = le jeton d'identité du fournisseur est refusé : { $reason }
no-account = { $email } n'est ni l'adresse d'un membre ni un compte de ce bureau
identity-provider-unavailable = le fournisseur d'identité n'est pas utilisable : { $reason }
sign-in-not-configured = ce nœud n'a pas de fournisseur d'identité : réglez auth.issuer, auth.client_id et auth.client_secret

# Les comptes du personnel et leurs rôles (crate::auth::sessions).
account-email-malformed = { $email } n'est pas une adresse e-mail : celle d'un compte du personnel est nom@domaine, en ASCII simple
account-email-is-a-members = { $email } est l'adresse e-mail d'un membre : le membre se connecte avec elle en tant que membre, pas en tant que personnel
account-exists = { $email } a déjà un compte
not-a-staff-role = { $role } n'est pas un rôle du personnel : advisor, admin ou hq
member-account-role-fixed = le compte { $account } est celui d'un membre : il garde le rôle de membre
last-admin = le compte { $account } est le dernier administrateur : il reste administrateur tant qu'aucun autre compte n'est devenu administrateur

# Un champ de la requête qui ne convient pas (crate::http::extract) : la forme attendue.
malformed-json = le corps n'est pas du JSON valide : { $reason } (ligne { $line }, colonne { $column })
field-expected = { $field } : attendu { $form }
field-expected-got = { $field } : attendu { $form }, reçu { $got }
field-required = { $field } : obligatoire
field-required-form = { $field } : attendu { $form } (obligatoire)
field-unknown = { $field } : n'est pas un champ de cette requête ; champs attendus : { $fields }
field-unknown-none = { $field } : n'est pas un champ de cette requête, qui n'en prend aucun
form-date = une date sous la forme AAAA-MM-JJ
form-date-time = une date et une heure RFC 3339 avec leur décalage (2026-03-02T09:30:00+01:00)
form-uuid = un UUID (8-4-4-4-12 chiffres hexadécimaux)
form-integer-between = un nombre entier de { $min } à { $max }
form-integer-from = un nombre entier d'au moins { $min }
form-integer = un nombre entier
form-boolean = true ou false
form-array = un tableau JSON
form-object = un objet JSON
form-string-like = un texte comme { $example }
form-string = un texte

# Avertissements : une déclaration de travail à l'étranger est enregistrée, et sa vue dit ce qui reste à faire.
a1-missing = aucun certificat A1 de { $state } ne couvre la période du { $first_day } au { $last_day } : demandez-en un à l'institution compétente de { $state } (règlement 987/2009, art. 15 ou 16) et enregistrez-le avec POST /members/{ $member }/a1-certificates
residence-share-below-line = la part du travail du membre en { $residence }, où il réside, est de { $share } %, à moins de { $margin } points sous le seuil de 25 % (règlement 987/2009, art. 14, § 8) : un peu plus de travail là-bas rend applicable la législation de { $residence } (règlement 883/2004, art. 13, § 1, a)
residence-share-above-line = la part du travail du membre en { $residence }, où il réside, est de { $share } %, à moins de { $margin } points au-dessus du seuil de 25 % (règlement 987/2009, art. 14, § 8) : un peu plus de travail ailleurs rend applicable la législation de { $employer } (règlement 883/2004, art. 13, § 1, b, i)
legislation-outside-coordination = { $state } n'applique pas le règlement (CE) 883/2004 : aucune législation n'est déterminée ici (une convention bilatérale ou le droit national en décide), et le contrat est calculé avec le pack de ce nœud
residence-unknown = le membre { $member } n'a pas de pays de résidence enregistré : la décision a supposé { $state } ; enregistrez son adresse avec PUT /members/{ $member }/identity
