/// Every string of the interface, in one table, so that another language is another value of
/// this type. Templates read them as `t.NAME`; refusals are turned into sentences by
/// `Wording.sentence(for:)`.
struct Wording: Sendable {
    let appName: String
    let navCard: String
    let navPatients: String
    let navJournal: String
    let cardTitle: String
    let insertCard: String
    let holder: String
    let triesLeft: String
    let pinBlocked: String
    let pinLabel: String
    let lastTryWarning: String
    let lastTryConfirm: String
    let open: String
    let close: String
    let sessionOpenFor: String
    let certificateRefused: String
    let patientsTitle: String
    let searchTitle: String
    let search: String
    let filterByName: String
    let noPatient: String
    let createTitle: String
    let familyName: String
    let givenNames: String
    let birthDate: String
    let sex: String
    let sexF: String
    let sexM: String
    let sexU: String
    let ins: String
    let address: String
    let hostingConsent: String
    let create: String
    let recordTitle: String
    let identity: String
    let records: String
    let noRecord: String
    let version: String
    let type: String
    let size: String
    let author: String
    let date: String
    let addRecord: String
    let dropHere: String
    let send: String
    let sending: String
    let sent: String
    let openRecord: String
    let download: String
    let history: String
    let sharingTitle: String
    let grantTitle: String
    let findProfessional: String
    let find: String
    let grant: String
    let revoke: String
    let nationalID: String
    let teamTitle: String
    let teamID: String
    let grantTeam: String
    let revokeTeam: String
    let oppositionTitle: String
    let opposedProfessional: String
    let statement: String
    let recordOpposition: String
    let consentTitle: String
    let recordConsent: String
    let withdrawConsent: String
    let eventTitle: String
    let recordEvent: String
    let journalTitle: String
    let action: String
    let outcome: String
    let reason: String
    let patient: String
    let filter: String
    let since: String
    let until: String
    let noEntry: String
    let lockedTitle: String
    let lockedText: String
    let lockedLink: String
    let errorTitle: String
    let back: String
    let done: String
    let notLaunched: String
    let wrongHost: String
    let forged: String
    let locked: String
    let unknownPage: String
    let tooLarge: String
    let tooMany: String
    let badForm: String
    let uploadInterrupted: String
    let wrongPIN: String
    /// A wrong PIN when the card did not say how many tries are left.
    let wrongPINTriesUnknown: String
    let malformedPIN: String
    let lastTryRefused: String
    let cardBlocked: String
    let cardUntrusted: String
    let noCard: String
    let notEnrolled: String
    let sessionEnded: String
    let noSuchPatient: String
    let noSuchRecord: String
    let noSuchTeam: String
    let malformedIdentifier: String
    let duplicatePatient: String
    let malformedIdentity: String
    let malformedContentType: String
    let ruleOpposition: String
    let ruleHostingEnded: String
    let ruleNotGranted: String
    let ruleNoConsent: String
    let ruleOther: String
    let auditedRefusal: String
    let unexpected: String
}

extension Wording {
    /// The French interface.
    static let french = Wording(
        appName: "Coffre CPS",
        navCard: "Carte",
        navPatients: "Patients",
        navJournal: "Journal",
        cardTitle: "Carte de professionnel de santé",
        insertCard: "Insérez votre carte CPS dans le lecteur, puis rechargez cette page.",
        holder: "Titulaire",
        triesLeft: "Essais de code restants",
        pinBlocked: "Le code de cette carte est bloqué : faites-la débloquer avec son code PUK auprès de votre émetteur de carte.",
        pinLabel: "Code porteur",
        lastTryWarning: "Il ne reste qu'un essai : un code faux bloquerait la carte.",
        lastTryConfirm: "Je confirme utiliser le dernier essai",
        open: "Ouvrir la séance",
        close: "Fermer la séance",
        sessionOpenFor: "Séance ouverte pour",
        certificateRefused: "Cette carte est refusée :",
        patientsTitle: "Patients",
        searchTitle: "Rechercher par INS",
        search: "Rechercher",
        filterByName: "Filtrer par nom",
        noPatient: "Aucun patient.",
        createTitle: "Nouveau patient",
        familyName: "Nom de naissance",
        givenNames: "Prénoms",
        birthDate: "Date de naissance",
        sex: "Sexe",
        sexF: "Féminin",
        sexM: "Masculin",
        sexU: "Indéterminé",
        ins: "INS (matricule et clé)",
        address: "Adresse",
        hostingConsent: "Consentement à l'hébergement (comment il a été recueilli)",
        create: "Créer le patient",
        recordTitle: "Dossier",
        identity: "Identité",
        records: "Documents",
        noRecord: "Aucun document.",
        version: "Version",
        type: "Type",
        size: "Taille (octets)",
        author: "Auteur",
        date: "Date",
        addRecord: "Ajouter un document",
        dropHere: "Déposez un fichier ici, ou choisissez-le :",
        send: "Envoyer",
        sending: "Envoi en cours…",
        sent: "Document enregistré.",
        openRecord: "Ouvrir",
        download: "Télécharger",
        history: "Historique des accès",
        sharingTitle: "Partage",
        grantTitle: "Donner l'accès à un professionnel",
        findProfessional: "Nom, RPPS ou ADELI",
        find: "Chercher",
        grant: "Donner l'accès",
        revoke: "Retirer l'accès",
        nationalID: "Identifiant national",
        teamTitle: "Équipe de soins",
        teamID: "Identifiant de l'équipe",
        grantTeam: "Donner l'accès à l'équipe",
        revokeTeam: "Retirer l'accès à l'équipe",
        oppositionTitle: "Opposition du patient",
        opposedProfessional: "Identifiant national du professionnel",
        statement: "Déclaration (comment elle a été recueillie)",
        recordOpposition: "Enregistrer l'opposition",
        consentTitle: "Consentement au partage dans la structure",
        recordConsent: "Enregistrer le consentement",
        withdrawConsent: "Retirer le consentement",
        eventTitle: "Événement",
        recordEvent: "Enregistrer l'événement",
        journalTitle: "Journal",
        action: "Action",
        outcome: "Issue",
        reason: "Motif",
        patient: "Patient",
        filter: "Filtrer",
        since: "Depuis",
        until: "Jusqu'au",
        noEntry: "Aucune entrée.",
        lockedTitle: "Séance verrouillée",
        lockedText: "La carte a été retirée ou la séance a expiré. Insérez une carte et ouvrez une nouvelle séance.",
        lockedLink: "Aller à la page Carte",
        errorTitle: "Refusé",
        back: "Retour",
        done: "C'est fait.",
        notLaunched: "Ouvrez l'adresse affichée par « cpsvault serve » : son jeton ne sert qu'une fois.",
        wrongHost: "Adresse refusée : seule l'adresse affichée par « cpsvault serve » est servie.",
        forged: "Demande refusée : elle ne vient pas d'une page de ce poste, ou sans son jeton.",
        locked: "Aucune séance ouverte : insérez votre carte et saisissez son code sur la page Carte.",
        unknownPage: "Cette page appartient à une séance précédente ou n'existe pas.",
        tooLarge: "La demande est trop volumineuse.",
        tooMany: "Trop de demandes en peu de temps : patientez un instant.",
        badForm: "Formulaire incomplet :",
        uploadInterrupted: "L'envoi s'est interrompu : rien n'a été enregistré. Renvoyez le fichier.",
        wrongPIN: "Code faux. Essais restants :",
        wrongPINTriesUnknown: "Code faux. Le nombre d'essais restants est inconnu : au prochain échec, la carte peut se bloquer.",
        malformedPIN: "Le code est fait de 4 à 8 chiffres.",
        lastTryRefused: "Il ne reste qu'un essai : cochez la confirmation pour l'utiliser.",
        cardBlocked: "Le code de la carte est bloqué : faites-la débloquer avec son code PUK auprès de votre émetteur.",
        cardUntrusted: "La carte est refusée : son certificat n'est pas reconnu, a expiré ou a été révoqué.",
        noCard: "Aucune carte dans le lecteur.",
        notEnrolled: "Ce professionnel n'est pas inscrit dans ce coffre : demandez à un administrateur de l'inscrire.",
        sessionEnded: "La séance est terminée : la carte a été retirée.",
        noSuchPatient: "Aucun patient accessible ne correspond.",
        noSuchRecord: "Aucun document ne correspond.",
        noSuchTeam: "Aucune équipe ne correspond.",
        malformedIdentifier: "Cet identifiant n'est pas valable : il s'écrit en chiffres hexadécimaux, au nombre de",
        duplicatePatient: "Un patient avec cet INS existe déjà dans le coffre.",
        malformedIdentity: "Identité refusée :",
        malformedContentType: "Type de document refusé :",
        ruleOpposition: "Refusé : le patient s'est opposé à ce que ses informations vous parviennent (article L1110-4, alinéa 5).",
        ruleHostingEnded: "Refusé : l'hébergement de ce patient a pris fin (article L1111-8).",
        ruleNotGranted: "Refusé : ce patient ne vous a pas été confié (article L1110-4 : pas d'accès accordé).",
        ruleNoConsent: "Refusé : le patient n'a pas consenti à ce partage (article L1110-4, alinéa 4).",
        ruleOther: "Refusé par la règle d'accès",
        auditedRefusal: "La tentative est inscrite au journal.",
        unexpected: "Une erreur est survenue ; le détail est écrit par le serveur, sans donnée de patient.")
}
