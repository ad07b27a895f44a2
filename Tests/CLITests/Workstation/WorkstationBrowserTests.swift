import CardStackTesting
import Foundation
import Testing

extension PKCS11CommandLineSlot {
    /// `cpsvault serve` in a real browser (headless Chromium through chromedriver) on the real card
    /// stack: a physician's day at the desk and the nurse who comes next. The web guards themselves
    /// are tested without a card (`VaultWebTests`).
    @Suite("The workstation in a browser", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint),
           .enabled(if: WebDriver.isInstalled, "needs Debian's chromium and chromium-driver (Scripts/install-packages)"),
           .serialized)
    final class WorkstationBrowserTests {
        let stack: CardStack
        let slot = TestSlot.pkcs11CommandLine
        let configuration: URL
        let folder: URL
        let vault: String
        /// Where the screenshots go (docs/images takes the main pages from there).
        static let screenshots = TestPKI.packageRoot.appendingPathComponent(".build/screenshots")

        /// A vault made by admin-1 with physician-1, the nurse and the pharmacist enrolled; no card in the slot.
        init() throws {
            stack = try CardStack()
            stack.empty(slot)
            configuration = try TestPKI.configurationFile()
            folder = try PrivateTemporaryFolder.make(prefix: "workstation")
            vault = folder.appendingPathComponent("vault.sqlite").path
            try stack.insert(.admin1, into: slot)
            try #require(try cpsvaultWithPIN(["init"]).status == 0)
            for card in [TestCard.physician1, .nurse, .pharmacist] {
                let enrolled = try cpsvaultWithPIN(["professional", "enrol", "--certificate", card.authenticationCertificate.path])
                try #require(enrolled.status == 0, "\(enrolled.errorOutput)")
            }
            try stack.remove(from: slot)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        private func cpsvaultWithPIN(_ arguments: [String]) throws -> CommandResult {
            try Command.run(Command.product("cpsvault"), arguments + [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault, "--pin-fd", "3"],
                input: Data("1234\n".utf8), inputOnDescriptor3: true)
        }

        private func serve() throws -> RunningServer {
            try RunningServer(["--config", configuration.path, "--reader", slot.readerName, "--vault", vault])
        }

        /// Types the PIN on the Carte page and waits for the patient list.
        private func logIn(_ browser: WebDriver, holder: String) throws {
            try browser.waitFor("#pin")
            #expect(try browser.text("#titulaire").contains(holder))
            #expect(try browser.text("#essais") == "3")
            try browser.type("#pin", "1234")
            try browser.clickThrough("#ouvrir", to: "#patients")
        }

        /// Uploads `content` as a file named `name` from the Dossier page, and waits for the page
        /// to come back with one more record.
        private func upload(_ browser: WebDriver, _ name: String, _ content: Data) throws {
            let file = folder.appendingPathComponent(name)
            try content.write(to: file)
            let before = try browser.count("tr.document")
            try browser.type("#fichier", file.path)
            try browser.clickThrough("#envoyer", to: "tr.document:nth-child(\(before + 1))")
        }

        @Test("a physician logs in, creates a patient, adds and opens records, grants the nurse; forged and misdirected requests are refused; pulling the card locks the page; the nurse then sees the patient, the opposed pharmacist does not")
        func professionalsDay() throws {
            let server = try serve()
            defer { server.stop() }
            let browser = try WebDriver(downloads: folder.appendingPathComponent("downloads"), logIn: folder)
            defer { browser.quit() }
            try stack.insert(.physician1, into: slot)

            try browser.go(server.launchAddress)
            try browser.waitFor("#pin")
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("carte.png"))
            try logIn(browser, holder: "Lefèvre")

            // A patient with a wrong INS key is refused with the field named; the right one is created.
            for (ins, refused) in [("284037512345641", true), ("284037512345640", false)] {
                try browser.fill("#familyName", "Durand")
                try browser.fill("#givenNames", "Alice")
                try browser.execute("document.getElementById('birthDate').value = '1984-03-12'")
                try browser.fill("#ins", ins)
                try browser.fill("#address", "12 rue de la Paix, 75002 Paris")
                try browser.fill("#hostingConsent", "formulaire signé au cabinet")
                try browser.clickThrough("#creer", to: refused ? "#refus" : "#identite")
                if refused { #expect(try browser.text("#refus").contains("control key")) }
            }
            let dossier = try browser.currentURL()
            #expect(!dossier.contains("284037512345640") && !dossier.contains("Durand"))

            // Text, PDF and image records; the text's markup is shown, never run.
            try upload(browser, "compte-rendu.txt", Data(Documents.textWithScript.utf8))
            try browser.clickThrough("tr.document:first-child a.ouvrir", to: "#texte")
            #expect(try browser.text("#texte").contains("<script>window.pwned=1</script>"))
            #expect(try browser.execute("return window.pwned === undefined") as? Bool == true)
            try browser.go(dossier)

            try upload(browser, "ordonnance.pdf", Documents.pdf(saying: "Ordonnance"))
            try browser.clickThrough("tr.document:first-child a.ouvrir", to: "#cadre")
            let pdfHeaders = try browser.executeAsync("""
                const done = arguments[0];
                fetch(document.getElementById('cadre').src).then(r => done([r.headers.get('content-type'), r.headers.get('content-disposition')]));
                """) as? [String]
            #expect(pdfHeaders == ["application/pdf", "inline"])
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("document-pdf.png"))
            try browser.go(dossier)

            let image = folder.appendingPathComponent("radio.png")
            try browser.screenshot(to: image)
            try upload(browser, "radio.png", try Data(contentsOf: image))
            try browser.clickThrough("tr.document:first-child a.ouvrir", to: "#image")
            let loaded = try browser.executeAsync("""
                const done = arguments[0], image = document.getElementById('image');
                if (image.complete) { done(image.naturalWidth); } else { image.onload = () => done(image.naturalWidth); image.onerror = () => done(0); }
                """) as? Int
            #expect((loaded ?? 0) > 0)
            try browser.go(dossier)

            // HTML with a script: only ever downloaded, sandboxed, never rendered in the app.
            try upload(browser, "page.html", Documents.hostileHTML)
            let href = try browser.execute("return document.querySelector('tr.document:first-child a.ouvrir').href") as? String ?? ""
            let headers = try browser.executeAsync("""
                const [url, done] = arguments;
                fetch(url.replace('/document/', '/contenu/')).then(r => done([r.headers.get('content-disposition'), r.headers.get('content-security-policy')]));
                """, [href]) as? [String]
            #expect(headers?.first?.hasPrefix("attachment") == true)
            #expect(headers?.last?.hasPrefix("sandbox") == true)
            #expect(try browser.execute("return document.title") as? String != "pwned")
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("dossier.png"))

            // Grant the nurse, found by name, and the pharmacist, by RPPS; the patient then opposes the
            // pharmacist, and a grant to him is refused by that rule.
            for wanted in ["bonnet", "810004567893"] {
                try browser.fill("#cherche-pro", wanted)
                try browser.clickThrough("#chercher", to: "form.professionnel")
                try browser.clickThrough("form.professionnel button.donner", to: "#fait")
            }
            try browser.fill("#oppose", "810004567893")
            try browser.fill("#declaration-opposition", "opposition dite au cabinet")
            try browser.clickThrough("#opposer", to: "#fait")
            try browser.fill("#cherche-pro", "810004567893")
            try browser.clickThrough("#chercher", to: "form.professionnel")
            try browser.clickThrough("form.professionnel button.donner", to: "#refus")
            #expect(try browser.text("#refus").contains("L1110-4-al5"))
            #expect(try browser.text("#refus").contains("opposé"))
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("partage.png"))

            // Another site's page posts to the app (cross-site, no cookie sent, no token): refused, and
            // the session is still open. A name other than the printed address (DNS rebinding) is refused.
            try browser.go("data:text/html,<form method=post action='\(server.origin)/carte/fermer'><input name=jeton value=x></form>"
                           + "<script>document.forms[0].submit()</script>")
            try browser.waitFor("#message")
            #expect(try browser.text("#message").contains("Demande refusée"))
            try browser.go(dossier)
            #expect(try browser.text("#identite").contains("284037512345640"))
            try browser.go(server.origin.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/patients")
            try browser.waitFor("#message")
            #expect(try browser.text("#message").contains("Adresse refusée"))
            #expect(!(try browser.source()).contains("Durand"))
            try browser.go(dossier)
            try browser.waitFor("#identite")

            // The card leaves: the page turns into the lock screen by itself, nothing of the patient left.
            let pulled = ContinuousClock.now
            try stack.remove(from: slot)
            try browser.waitFor("body[data-verrou]")
            // A figure for the record, not an assertion: from pcscd seeing the card gone to the lock screen.
            print("workstation: the page locked \(ContinuousClock.now - pulled) after the card left")
            let locked = try browser.source()
            for patientData in ["Durand", "Alice", "284037512345640", "Paix"] { #expect(!locked.contains(patientData)) }
            #expect(try browser.count("#verrou") == 1)
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("verrou.png"))
            // The back button brings nothing back: the old page asks a session that is gone.
            try browser.go(dossier)
            #expect(!(try browser.source()).contains("Durand"))

            // The nurse's card: a new session, the patient granted to her is there.
            try stack.insert(.nurse, into: slot)
            try browser.go(server.origin + "/carte")
            try logIn(browser, holder: "Bonnet")
            #expect(try browser.text("#patients").contains("Durand"))
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("patients.png"))
            try browser.go(server.origin + "/journal")
            try browser.waitFor(".journal")
            try browser.screenshot(to: Self.screenshots.appendingPathComponent("journal.png"))
            try stack.remove(from: slot)
            try browser.waitFor("body[data-verrou]")

            // The pharmacist the patient opposed after he was granted: the patient is not in his list,
            // and a search by her INS is answered as for nobody hosted here.
            try stack.insert(.pharmacist, into: slot)
            try browser.go(server.origin + "/carte")
            try logIn(browser, holder: "Fontaine")
            #expect(!(try browser.text("#patients")).contains("Durand"))
            try browser.fill("#recherche-ins", "284037512345640")
            try browser.clickThrough("#rechercher", to: "#refus")
            #expect(try browser.text("#refus").contains("Aucun patient accessible"))
            #expect(!(try browser.source()).contains("Durand"))
            try stack.remove(from: slot)
            try browser.waitFor("body[data-verrou]")
            let log = server.stop()
            #expect(!log.contains("1234") && !log.contains("Durand"))
        }
    }
}
