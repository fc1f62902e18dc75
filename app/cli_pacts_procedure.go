// The pact commands of the procedure: observations received during the publication and
// their answers, the single interruption of the answer term, and renewal.

package app

import (
	"strconv"

	"pacta/model"
	"pacta/pacts"
)

func init() {
	for _, c := range []Command{
		{Name: "pact observe", Args: "REF --from NAME --text TEXT [--kind observation|proposal] [--date YYYY-MM-DD]", Short: "record an observation or a competing proposal received while a complex pact is published", Run: cmdPactObserve},
		{Name: "pact answer", Args: "REF --observation N --text TEXT [--date YYYY-MM-DD]", Short: "record the municipality's answer to the pact's observation number N (see pact observations)", Run: cmdPactAnswer},
		{Name: "pact observations", Args: "REF [--json]", Short: "list the observations of a pact and their answers", Run: cmdPactObservations},
		{Name: "pact interrupt", Args: "REF --days N --reason TEXT [--from YYYY-MM-DD]", Short: "interrupt the answer term once, for as many days as the workspace's regulation allows (pact deadlines --interruption-days)", Run: cmdPactInterrupt},
		{Name: "pact renew", Args: "REF", Short: "start the renewal of an active, extended or concluded pact: a new draft linked to it, with its parties, commons, terms and texts", Run: cmdPactRenew},
	} {
		Register(c)
	}
	examples["pact observe"] = `pacta pact observe PACT-2026-0001 --from "Comitato Kalsa" --text "Apertura anche la domenica" --date 2026-05-02`
	examples["pact answer"] = `pacta pact answer PACT-2026-0001 --observation 1 --text "Accolta: apertura la domenica mattina"`
	examples["pact observations"] = "pacta pact observations PACT-2026-0001"
	examples["pact interrupt"] = `pacta pact interrupt PACT-2026-0001 --days 30 --reason "Proposte concorrenti sullo stesso bene: si riuniscono"`
	examples["pact renew"] = "pacta pact renew PACT-2026-0001"
}

func cmdPactObserve(env *Env, args []string) error {
	fs, home := Flags("pact observe")
	from := fs.String("from", "", "who sent it: a person, a group, an organisation")
	text := fs.String("text", "", "what it says")
	kind := fs.String("kind", pacts.ObservationComment, "observation or proposal (a competing proposal)")
	date := fs.String("date", "", "when it was received, YYYY-MM-DD (default: today)")
	by := fs.String("by", "", "who records it (default: this laptop's name)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	var o model.PactObservation
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		o, err = pacts.Observe(tx, d.Pact.ID, pacts.NewObservation{Kind: *kind, Author: *from, ReceivedOn: *date, Text: *text}, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	env.Printf("%s: %s from %s received on %s\n", d.Pact.Ref, o.Kind, o.Author, o.ReceivedOn)
	return nil
}

func cmdPactAnswer(env *Env, args []string) error {
	fs, home := Flags("pact answer")
	n := fs.Int("observation", 0, "the number of the observation, as pact observations lists them")
	text := fs.String("text", "", "the answer")
	date := fs.String("date", "", "the answer's date, YYYY-MM-DD (default: today)")
	by := fs.String("by", "", "who answers (default: this laptop's name)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *n < 1 || *n > len(d.Observations) {
		if len(d.Observations) == 0 {
			return Usagef("%s has no observations to answer", d.Pact.Ref)
		}
		return Usagef("--observation is a number from 1 to %d (pacta pact observations %s)", len(d.Observations), d.Pact.Ref)
	}
	id := d.Observations[*n-1].ID
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		_, err := pacts.Answer(tx, id, *text, *date, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	env.Printf("%s: observation %d answered\n", d.Pact.Ref, *n)
	return nil
}

func cmdPactObservations(env *Env, args []string) error {
	fs, home := Flags("pact observations")
	asJSON := fs.Bool("json", false, "JSON output")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *asJSON {
		return env.JSON(d.Observations)
	}
	if len(d.Observations) == 0 {
		env.Printf("%s has no observations\n", d.Pact.Ref)
	}
	for i, o := range d.Observations {
		env.Printf("%d. %s  %s  %s: %s\n", i+1, o.ReceivedOn, o.Kind, o.Author, o.Text)
		if o.Answer == "" {
			env.Printf("   not answered yet\n")
		} else {
			env.Printf("   answered on %s by %s: %s\n", o.AnsweredOn, o.AnsweredBy, o.Answer)
		}
	}
	return nil
}

func cmdPactInterrupt(env *Env, args []string) error {
	fs, home := Flags("pact interrupt")
	days := fs.Int("days", 0, "how many days the term stands still")
	reason := fs.String("reason", "", "why (for example: competing proposals to merge)")
	from := fs.String("from", "", "from when, YYYY-MM-DD (default: today)")
	by := fs.String("by", "", "who decides (default: this laptop's name)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	var x model.PactInterruption
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		x, err = pacts.Interrupt(tx, d.Pact.ID, *from, *days, *reason, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	env.Printf("%s: answer term interrupted from %s for %s days\n", d.Pact.Ref, x.FromDate, strconv.FormatInt(x.Days, 10))
	return nil
}

func cmdPactRenew(env *Env, args []string) error {
	fs, home := Flags("pact renew")
	by := fs.String("by", "", "who starts the renewal (default: this laptop's name)")
	ws, d, err := onePact(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	var p model.Pact
	err = ws.Store.Update(env.Ctx, func(tx *model.Tx) error {
		var err error
		p, err = pacts.Renew(tx, d.Pact.ID, pacts.By{Actor: actor(ws, *by)})
		return err
	})
	if err != nil {
		return err
	}
	env.Printf("%s renews %s (a draft: propose it as any new pact)\n", p.Ref, d.Pact.Ref)
	return nil
}

// procedureLine says the procedure's settings, after the deadlines.
func procedureLine(dl pacts.Deadlines) string {
	step := "off"
	if dl.ExecutiveStep {
		step = "on"
	}
	return "interruption allowed: " + strconv.Itoa(dl.InterruptionDays) + " days\nexecutive decision step: " + step + "\n"
}
