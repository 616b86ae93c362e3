### Typographie française (Lexique des règles typographiques de l’Imprimerie nationale) : une espace
### insécable U+00A0 avant « : » et à l’intérieur des guillemets « » ; une espace fine insécable U+202F
### avant « ; », « ? » et « ! ». Elles sont écrites telles quelles (elles ressemblent à des espaces)
### pour qu’aucune ligne ne se coupe avant le signe, ni dans une page ni dans un PDF. Le code cité reste tel quel
### (Authorization: Bearer, 10:30, https://). Un test refuse une espace ordinaire ou l’absence d’espace
### (partage_pack_conformance::typography).

# Pages du siège (hq/src/pages) : connexion de l’opérateur et rapport du groupe.
app-name = Partage siège
nav-report = Rapport du groupe
sign-out = Se déconnecter
sign-in-title = Connexion au siège
sign-in-token = Jeton admin du siège
sign-in-submit = Se connecter
sign-in-refused = Ce n’est pas un jeton admin valide du siège. Réessayez.
sign-in-note = Un jeton admin : le premier vient de partage hq bootstrap --email <vous>, les autres de la page des jetons d’API. La session dure huit heures.
csrf-title = Formulaire expiré
csrf-refused = Ce formulaire n’appartient pas à votre session : rechargez la page et réessayez.
failed-title = Une erreur est survenue
failed = Le siège n’a pas pu construire cette page. L’erreur figure dans son journal.
report-title = Rapport du groupe, { $month }
report-title-none = Rapport du groupe
report-no-periods = Le siège n’a encore reçu de chiffres d’aucun bureau.
report-no-figures = Le siège n’a pas de chiffres pour { $period }. Choisissez un autre mois.
report-invalid-title = Ce n’est pas un mois
report-invalid-period = « { $period } » n’est pas un mois : écrivez-le AAAA-MM, par exemple 2026-03.
report-rate-missing-title = Taux de référence manquant
report-rate-missing = Le siège n’a publié aucun taux de référence de { $currency } pour { $period } : publiez-le, puis rechargez cette page.
report-period = Mois
report-show = Afficher
report-csv = Télécharger ce rapport en CSV
report-intro = Montants en euros, convertis aux taux de référence du siège pour le mois. Les effectifs d’une à quatre personnes sont masqués, avec ce qui permettrait de les retrouver.
report-offices-without = Pas de chiffres ce mois-ci de : { $offices }.
report-alarm = Fonds de garantie sous le seuil de { $floor } : { $offices }.
report-group = Groupe
report-suppressed = masqué
report-members = Membres actifs en fin de mois
report-signups = Nouveaux membres du mois
report-fte = Équivalents temps plein payés
report-turnover = Chiffre d’affaires HTVA
report-payroll = Masse salariale (brut)
report-fund-balance = Solde du fonds de garantie
report-members-title = Membres actifs par bureau
report-office = Bureau
report-members-column = Membres actifs
report-signups-column = Nouveaux membres
report-leavers-column = Départs
report-fte-column = ETP
report-turnover-title = Chiffre d’affaires par bureau
report-turnover-column = Chiffre d’affaires HTVA
report-payroll-column = Masse salariale
report-employer-cost-column = Coût employeur
report-inputs-title = Chiffres utilisés
report-revision = Révision
report-sent = Envoyés le
report-sectors-title = Masse salariale par secteur
report-sector = Secteur
report-sectors-people = Personnes par secteur
sector-artistic = Activités artistiques
sector-cultural_industry = Industrie culturelle
sector-other = Autres activités
report-fund-title = Couverture du fonds de garantie par bureau
report-fund-floor = La couverture est le solde du fonds rapporté à ses avances en cours ; sous { $floor }, le bureau est signalé.
report-fund-balance-column = Solde
report-fund-advances-column = Avances en cours
report-fund-coverage-column = Couverture
report-fund-status-column = État
report-fund-under-floor = Sous le seuil
report-fund-ok = Couvert
report-nothing-advanced = rien d’avancé
report-rates-title = Taux de référence appliqués
report-rates-none = Tous les bureaux comptent en euros : aucun taux n’a été nécessaire.
report-rate-currency = Devise
report-rate-units = Unités pour un euro
report-rate-date = Taux du
report-rate-source = Source
report-rate-version = version { $version }

# Connexion par le fournisseur d’identité du groupe, et le frein du jeton.
sign-in-provider = Se connecter avec le fournisseur d’identité du groupe
sign-in-provider-note = Votre adresse électronique doit être celle d’un opérateur du siège. La session dure huit heures.
sign-in-token-off = Le siège ne se connecte que par le fournisseur d’identité du groupe.
sign-in-throttled = Trop de jetons erronés depuis votre adresse : réessayez dans { $minutes } minutes.
sign-in-no-provider = Le siège n’a pas de fournisseur d’identité : connectez-vous avec un jeton admin du siège.
sign-in-busy = Trop de connexions sont en cours : réessayez dans une minute.
sign-in-unknown = Cette connexion est inconnue, déjà utilisée ou commencée dans un autre navigateur. Recommencez.
sign-in-provider-unavailable = Le fournisseur d’identité est inutilisable : { $reason }
sign-in-provider-refused = Le fournisseur d’identité a refusé la connexion : { $reason }
sign-in-no-email = Le fournisseur d’identité n’a garanti aucune adresse électronique : le siège ne sait pas qui vous êtes.
sign-in-not-operator = { $email } n’est pas un opérateur du siège.
signed-in-title = Connecté
signed-in-continue = Continuer vers le rapport du groupe
signed-in-as = Connecté en tant que { $operator }
operator-token = Jeton du siège

# Jetons d’API (hq/src/pages/tokens.rs).
nav-tokens = Jetons d’API
tokens-title = Jetons d’API
tokens-made = Jeton « { $name } » créé
tokens-made-note = Copiez ce secret maintenant et envoyez-le comme Authorization: Bearer. Le siège n’en garde que l’empreinte et ne l’affichera plus jamais.
tokens-new = Créer un jeton
tokens-name = Nom
tokens-name-refused = Donnez au jeton un nom de 1 à 100 caractères, sur une ligne.
tokens-scope = Portée
tokens-scope-refused = Choisissez une des portées de la liste.
tokens-scope-report = report:read (le rapport du groupe et ses chiffres)
tokens-scope-admin = admin (tout, y compris les adhésions et les taux)
tokens-create = Créer le jeton
tokens-note = Pour les plateformes partenaires et les scripts. Le premier jeton admin vient de partage hq bootstrap ; révoquez-le ici une fois les vôtres créés.
tokens-all = Jetons du siège
tokens-none = Aucun jeton n’a encore été créé.
tokens-created-by = Créé par
tokens-created-at = Créé le
tokens-last-used = Dernière utilisation
tokens-status = État
tokens-never = jamais
tokens-revoked = Révoqué le { $at }
tokens-revoke = Révoquer
tokens-revoke-named = Révoquer { $name }
tokens-unknown-title = Jeton introuvable
tokens-unknown = Ce jeton n’existe pas ou est déjà révoqué.

sign-in-token-scope = La portée de ce jeton est { $scope } : les pages demandent un jeton admin.
operator-token-named = jeton « { $name } »

# Opérateurs (hq/src/pages/operators.rs).
nav-operators = Opérateurs
operators-title = Opérateurs
operators-new = Ajouter un opérateur
operators-email = Adresse électronique
operators-email-refused = Écrivez une adresse électronique, comme ops@groupe.example.
operators-add = Ajouter l’opérateur
operators-note = Il se connecte par le fournisseur d’identité du groupe, qui doit garantir cette adresse.
operators-no-provider = Le siège n’a pas encore de fournisseur d’identité (--oidc-issuer) : d’ici là, les opérateurs se connectent avec un jeton admin, et les adresses ci-dessous l’attendent.
operators-added = { $email } est opérateur : il peut se connecter dès maintenant.
operators-already-title = Déjà opérateur
operators-already = { $email } est déjà un opérateur du siège.
operators-all = Opérateurs du siège
operators-none = Aucun opérateur pour l’instant : ajoutez le premier ci-dessus.
operators-added-by = Ajouté par
operators-added-at = Ajouté le
operators-action = Action
operators-configured = Nommé dans la configuration du siège (--operator)
operators-configured-note = Retiré en redémarrant le siège sans lui
operators-you = Vous
operators-remove = Retirer
operators-remove-named = Retirer { $email }
operators-not-removed-title = Opérateur non retiré
operators-configured-kept = { $email } est nommé dans la configuration du siège (--operator) : redémarrez le siège sans lui pour le retirer.
operators-yourself-kept = Vous ne pouvez pas vous retirer vous-même : demandez-le à un autre opérateur.
operators-unknown = { $email } n’est pas un opérateur ajouté ici.
