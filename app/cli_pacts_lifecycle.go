// The pact commands that move it along its lifecycle, sign, amend, verify and print it.

package app

import (
	"fmt"
	"os"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

func cmdPactTransition(env *Env, args []string) error {
	fs, home := Flags("pact transition")
	to := fs.String("to", "", "the new status")
	why := fs.String("reason", "", "why (required to reject, suspend, terminate, revoke, withdraw or ask for information)")
	by := fs.String("by", "", "who decides")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *to == "" {
		return Usagef("--to STATUS is required; from %s the pact can become: %s", d.Pact.Status, strings.Join(pacts.Next(d.Pact.Status), ", "))
	}
	if err := pacts.Transition(env.Ctx, ws.Store, d.Pact.ID, *to, *why, pacts.By{Actor: actor(ws, *by)}); err != nil {
		return err
	}
	env.Printf("%s: %s → %s\n", d.Pact.Ref, d.Pact.Status, *to)
	return nil
}

func cmdPactSign(env *Env, args []string) error {
	fs, home := Flags("pact sign")
	party := fs.String("party", "", "the party that signs")
	signer := fs.String("signer", "", "the person who signs for it")
	date := fs.String("date", "", "date of the signature YYYY-MM-DD")
	method := fs.String("method", "paper", "paper or digital")
	by := fs.String("by", "", "who records it")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *party == "" || *signer == "" || *date == "" {
		return Usagef("--party, --signer and --date are required")
	}
	var sig model.PactSignature
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		sig, err = pacts.Sign(tx, d.Pact.ID, pacts.Signature{Party: *party, Signer: *signer, Date: *date, Method: *method}, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	after, err := pacts.Load(ws.Store.DB(), d.Pact.ID)
	if err != nil {
		return err
	}
	env.Printf("%s version %d signed by %s (sha256 %s); status %s\n", d.Pact.Ref, sig.Version, sig.PartyName, sig.SHA256, after.Pact.Status)
	if un := after.Unsigned(); len(un) > 0 {
		names := make([]string, len(un))
		for i, x := range un {
			names[i] = x.Name
		}
		env.Printf("still to sign: %s\n", strings.Join(names, "; "))
	}
	return nil
}

func cmdPactAmend(env *Env, args []string) error {
	fs, home := Flags("pact amend")
	note := fs.String("note", "", "what the amendment changes")
	by := fs.String("by", "", "who opens it")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	var v int64
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		v, err = pacts.Amend(tx, d.Pact.ID, *note, pacts.By{Actor: actor(ws, *by)})
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: amendment open as version %d; edit it, then every party signs it\n", d.Pact.Ref, v)
	return nil
}

func cmdPactVerify(env *Env, args []string) error {
	fs, home := Flags("pact verify")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if err := pacts.Verify(d); err != nil {
		return err
	}
	for _, v := range d.Versions {
		env.Printf("%s version %d: sha256 %s ok\n", d.Pact.Ref, v.Number, v.SHA256)
	}
	if len(d.Versions) == 0 {
		env.Printf("%s: no signed version yet\n", d.Pact.Ref)
	}
	return nil
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC().Truncate(24 * time.Hour), nil
	}
	return pacts.ParseDate(s)
}

func cmdPactPDF(env *Env, args []string) error {
	fs, home := Flags("pact pdf")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language of the agreement (default the pact's); another language prints its texts from that language's templates")
	lang2 := fs.String("lang2", "", "a second language: the agreement prints in both, section by section")
	date := fs.String("date", "", "document date YYYY-MM-DD (default today; a signed version prints on its signature date)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	day, err := parseDay(*date)
	if err != nil {
		return Usagef("%v", err)
	}
	for _, l := range []string{*lang, *lang2} {
		if l != "" && i18n.Normalize(l) != strings.ToLower(l) {
			return Usagef("%q is not one of Pacta's languages (%s)", l, i18n.Codes())
		}
	}
	b, err := pacts.BilingualPDF(ws.Store.DB(), d, *lang, *lang2, day)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("pact pdf: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}
