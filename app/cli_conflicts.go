// The conflicts' commands.

package app

import (
	"strconv"
	"strings"

	"pacta/internal/replica"
	"pacta/model"
)

func cmdConflictsList(env *Env, args []string) error {
	fs, home := Flags("conflicts list")
	asJSON := fs.Bool("json", false, "JSON output")
	all := fs.Bool("all", false, "include resolved conflicts")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	cs, err := replica.ListConflicts(ws.Store.DB(), !*all)
	if err != nil {
		return err
	}
	// Each conflict as stored, with what it is about in the user's words (ConflictSubject)
	// and the laptops that wrote its two values.
	type named struct {
		replica.Conflict
		Subject      string `json:"subject"`
		FieldLabel   string `json:"field_label"`
		LocalName    string `json:"local_laptop"`
		IncomingName string `json:"incoming_laptop"`
		Removal      bool   `json:"removed_while_edited"`
	}
	db, self := ws.Store.DB(), ws.Identity.Device
	out := make([]named, len(cs))
	for i, c := range cs {
		out[i].Conflict = c
		out[i].Subject, out[i].FieldLabel = ConflictSubject(db, c)
		out[i].LocalName, out[i].IncomingName = LaptopName(db, c.LocalDevice, self), LaptopName(db, c.IncomingDevice, self)
		_, _, out[i].Removal = IsRemoval(c)
	}
	if *asJSON {
		return env.JSON(out)
	}
	if len(cs) == 0 {
		env.Printf("no conflicts\n")
	}
	for _, c := range out {
		inPlace := c.LocalName
		if c.Winner == "incoming" {
			inPlace = c.IncomingName
		}
		if removal, edit, ok := IsRemoval(c.Conflict); ok {
			env.Printf("%d  %s: removed on %s while edited on %s (now: %s)%s\n", c.ID, c.Subject,
				LaptopName(db, SideDevice(c.Conflict, removal), self), LaptopName(db, SideDevice(c.Conflict, edit), self),
				ConflictValue(c.Field, InPlace(c.Conflict)), resolvedNote(c.Conflict))
			continue
		}
		env.Printf("%d  %s · %s: %s %q, %s %q (in place: %s)%s\n", c.ID, c.Subject, c.FieldLabel,
			c.LocalName, ConflictValue(c.Field, c.LocalValue), c.IncomingName, ConflictValue(c.Field, c.IncomingValue), inPlace, resolvedNote(c.Conflict))
	}
	return nil
}

func resolvedNote(c replica.Conflict) string {
	if c.Resolved == "" {
		return ""
	}
	return " resolved: " + c.Resolved
}

func cmdConflictsResolve(env *Env, args []string) error {
	fs, home := Flags("conflicts resolve")
	keep := fs.String("keep", "", "mine, theirs, current (the value in place now), or the laptop whose value to keep (its name or device id)")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return Usagef("give one conflict ID (see `pacta conflicts list`)")
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		return Usagef("the conflict ID is a number, not %q", fs.Arg(0))
	}
	if strings.TrimSpace(*keep) == "" {
		return Usagef("--keep must be mine, theirs, or the laptop whose value to keep")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return err
	}
	defer ws.Close()
	db, self := ws.Store.DB(), ws.Identity.Device
	c, err := replica.GetConflict(db, id)
	if err != nil {
		return err
	}
	choice := *keep
	if choice == "current" {
		choice = replica.KeepInPlace
	} else if choice != replica.KeepMine && choice != replica.KeepTheirs {
		dev, ok := ResolveDevice(db, c, choice)
		if !ok {
			return Usagef("--keep %q: conflict %d is between %s (%s) and %s (%s); name one of them", choice, id,
				LaptopName(db, c.LocalDevice, self), c.LocalDevice, LaptopName(db, c.IncomingDevice, self), c.IncomingDevice)
		}
		choice = dev
	} else if choice != replica.KeepInPlace && self != c.LocalDevice && self != c.IncomingDevice {
		return Usagef("conflict %d is between %s (%s) and %s (%s), not this laptop: say which one to keep with --keep LAPTOP", id,
			LaptopName(db, c.LocalDevice, self), c.LocalDevice, LaptopName(db, c.IncomingDevice, self), c.IncomingDevice)
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, id, choice, nil) }); err != nil {
		return err
	}
	if choice == replica.KeepInPlace {
		env.Printf("conflict %d resolved: kept the value in place now; sync to share the decision\n", id)
		return nil
	}
	side, _ := c.Side(choice, self)
	env.Printf("conflict %d resolved: kept the value of %s; sync to share the decision\n", id, LaptopName(db, SideDevice(c, side), self))
	return nil
}
