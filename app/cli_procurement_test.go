package app

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProcurementCommands(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Palermo")
	require.Equal(t, 0, code, errs)
	h := []string{"--home", home}
	cmd := func(args ...string) string {
		t.Helper()
		code, out, errs := run(t, append(args, h...)...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		return out
	}
	refused := func(want string, args ...string) string {
		t.Helper()
		code, _, errs := run(t, append(args, h...)...)
		require.NotEqual(t, 0, code, "%v should be refused", args)
		require.Contains(t, errs, want, "%v", args)
		return errs
	}
	dir := t.TempDir()
	ref := strings.TrimSpace(cmd("procurement", "new", "--title", "Cura del verde", "--budget", "20000", "--currency", "EUR"))
	require.Regexp(t, `^CALL-\d{4}-0001$`, ref)

	// The worked example: three quality criteria weighted 30, 20 and 15% and price 35%.
	bad := writeFile(t, dir, "bad.csv", "key,title,kind,weight,social_value\nq1,Quality,scale,30,no\nq2,Plan,scale,20,no\nprice,Price,price,35,no\n")
	cmd("procurement", "criteria", ref, "--file", bad)
	refused("sum to 85%", "procurement", "open", ref)
	crit := writeFile(t, dir, "criteria.csv", "key,title,kind,weight,social_value,formula,citation\n"+
		"insurance,Insurance,gate,0,no,,\nq1,Quality,scale,30,no,,\nq2,Plan,scale,20,no,,\nq3,Inclusion,scale,15,yes,,Book L4015-4017\nprice,Price,price,35,no,proportional,\n")
	cmd("procurement", "criteria", ref, "--file", crit)
	refused(`column "colour" is unknown`, "procurement", "criteria", ref, "--file", writeFile(t, dir, "c2.csv", "key,title,colour\n"))
	cmd("procurement", "open", ref)
	refused("frozen", "procurement", "criteria", ref, "--file", crit)

	bids := writeFile(t, dir, "bids.csv", "bidder,type,lot,price,submitted_at,gate:insurance\n"+
		"Coop A,social_cooperative,,10000,2026-03-01 10:00,yes\nImpresa B,sme,,8000,2026-03-01 09:00,yes\nC srl,company,,5000,2026-03-01 08:00,no\n")
	for _, c := range []struct{ file, want string }{
		{"bidder,type,price,colour\nA,sme,10,red\n", `Line 1: the column "colour" is unknown`},
		{"bidder,type,price\nA,sme,0\n", "Line 2: the price \"0\" must be a number above zero"},
		{"bidder,type,price\nA,sme,10\nB,sme,-3\n", "Line 3"},
		{"bidder,type,lot,price\nA,sme,North,10\n", `Line 2: the call has no lot "North"`},
		{"bidder,type,price\nA,charity,10\n", "not a type of bidder"},
	} {
		refused(c.want, "procurement", "import-bids", ref, writeFile(t, dir, "b.csv", c.file))
	}
	var show map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("procurement", "show", ref, "--json")), &show))
	assert.Empty(t, show["bids"], "a refused file writes nothing")
	cmd("procurement", "import-bids", ref, bids)

	scores := writeFile(t, dir, "scores.csv", "bidder,criterion,score,justification\n"+
		"Coop A,q1,4,Strong team\nCoop A,q2,4,Clear plan\nCoop A,q3,3,Some local hires\n"+
		"Impresa B,q1,3,Adequate\nImpresa B,q2,2,Vague plan\nImpresa B,q3,5,Hires from the job centre\n")
	refused("Line 2: the score \"7\" must be a number from 0 to 5", "procurement", "scores", ref, "--evaluator", "Anna",
		"--file", writeFile(t, dir, "s.csv", "bidder,criterion,score,justification\nCoop A,q1,7,x\n"))
	refused("not a criterion scored by evaluators", "procurement", "scores", ref, "--evaluator", "Anna",
		"--file", writeFile(t, dir, "s.csv", "bidder,criterion,score,justification\nCoop A,price,3,x\n"))
	cmd("procurement", "scores", ref, "--evaluator", "Anna", "--file", scores)

	var res []map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("procurement", "score", ref, "--json")), &res))
	require.Len(t, res, 3)
	byBidder := map[string]map[string]any{}
	for _, r := range res {
		byBidder[r["bidder"].(string)] = r
	}
	assert.InDelta(t, 77, byBidder["Coop A"]["total"], 1e-9)
	assert.InDelta(t, 76, byBidder["Impresa B"]["total"], 1e-9)
	assert.EqualValues(t, 1, byBidder["Coop A"]["rank"])
	assert.EqualValues(t, 2, byBidder["Impresa B"]["rank"])
	assert.Equal(t, true, byBidder["C srl"]["excluded"])
	assert.Contains(t, byBidder["C srl"]["reason"], "Insurance")
	assert.InDelta(t, 28, byBidder["Coop A"]["scores"].(map[string]any)["price"], 1e-9)
	assert.InDelta(t, 35, byBidder["Impresa B"]["scores"].(map[string]any)["price"], 1e-9, "price normalised among the bids not excluded")

	out := cmd("procurement", "score", ref)
	assert.Contains(t, out, "make Impresa B the winner")
	refused("this step is taken from", "procurement", "close", ref)
	cmd("procurement", "evaluate", ref)
	cmd("procurement", "award", ref)
	var list []map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("procurement", "list", "--json")), &list))
	assert.Equal(t, "awarded", list[0]["status"])
	assert.Len(t, list[0]["frozen_hash"], 64)

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	pdf := filepath.Join(dir, "report.pdf")
	cmd("procurement", "report", ref, "-o", pdf, "--lang", "it")
	b, err := exec.Command("pdftotext", pdf, "-").Output()
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(b)), " ")
	for _, want := range []string{"Verbale di valutazione", "Criteri e pesi", list[0]["frozen_hash"].(string)[:12], "Coop A", "77,00",
		"Offerte escluse", "non soddisfa il requisito «Insurance»", "Strong team", "Come la graduatoria dipende dai pesi", "20.000,00 EUR"} {
		assert.Contains(t, text, want)
	}
	assert.NotRegexp(t, `\d{4}-\d{2}-\d{2}`, text, "dates in the reader's words, not as stored")
	assert.NotRegexp(t, `[+-]\d+\.\d\d`, text, "a change of weight with a decimal comma")
}

func TestProcurementSocialValueMinimum(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune")
	require.Equal(t, 0, code, errs)
	code, out, errs := run(t, "procurement", "new", "--title", "Pulizie", "--home", home)
	require.Equal(t, 0, code, errs)
	ref := strings.TrimSpace(out)
	crit := writeFile(t, t.TempDir(), "c.json", `[{"key":"price","title":"Price","kind":"price","weight":95,"formula":"log","param":2},
		{"key":"jobs","title":"Local jobs","kind":"quantity","weight":5,"social_value":true,"unit":"FTE","proxy":1000}]`)
	code, _, errs = run(t, "procurement", "criteria", ref, "--file", crit, "--home", home)
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "procurement", "open", ref, "--home", home)
	require.Equal(t, 1, code)
	assert.Contains(t, errs, "weigh 5%, below the minimum of 10%")
}

// TestAFrozenCallOnTwoLaptops: a laptop that had not seen the call open edits its
// criteria offline; once synced, both laptops score with the frozen weights, show the
// edit as a change made after the freeze, and give the same ranking.
func TestAFrozenCallOnTwoLaptops(t *testing.T) {
	tmp := t.TempDir()
	folder, homeA, homeB := filepath.Join(tmp, "shared"), filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	cmd := func(args ...string) string { t.Helper(); return runOK(t, args...) }
	cmd("init", "--home", homeA, "--name", "Comune di Prova")
	ref := strings.TrimSpace(cmd("procurement", "new", "--home", homeA, "--title", "Cura del verde"))
	cmd("procurement", "criteria", ref, "--home", homeA, "--file", writeFile(t, tmp, "c.csv",
		"key,title,kind,weight,social_value\nq,Quality,scale,50,yes\nprice,Price,price,50,no\n"))
	cmd("sync", "--home", homeA, "--folder", folder)
	cmd("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria")
	enrolLaptop(t, cmd, homeA, homeB)
	cmd("sync", "--home", homeA)
	cmd("sync", "--home", homeB)

	// Offline: B, which sees a draft, gives price more weight; A opens the call.
	cmd("procurement", "criteria", ref, "--home", homeB, "--file", writeFile(t, tmp, "c2.csv",
		"key,title,kind,weight,social_value\nq,Quality,scale,20,yes\nprice,Price,price,80,no\n"))
	cmd("procurement", "open", ref, "--home", homeA)
	cmd("procurement", "import-bids", ref, "--home", homeA, writeFile(t, tmp, "b.csv", "bidder,type,price\nCoop,social_cooperative,100\nImpresa,sme,50\n"))
	cmd("procurement", "scores", ref, "--home", homeA, "--evaluator", "Anna", "--file", writeFile(t, tmp, "s.csv",
		"bidder,criterion,score,justification\nCoop,q,5,Excellent\nImpresa,q,1,Poor\n"))
	for _, h := range []string{homeA, homeB, homeA, homeB} {
		cmd("sync", "--home", h)
	}
	scoreA := cmd("procurement", "score", ref, "--home", homeA, "--json")
	scoreB := cmd("procurement", "score", ref, "--home", homeB, "--json")
	require.JSONEq(t, scoreA, scoreB, "the same ranking on both laptops")
	var res []map[string]any
	require.NoError(t, json.Unmarshal([]byte(scoreA), &res))
	assert.Equal(t, "Coop", res[0]["bidder"], "the frozen weights (50/50) count, not the later 20/80")
	assert.InDelta(t, 75, res[0]["total"], 1e-9)
	for _, h := range []string{homeA, homeB} {
		var show map[string]any
		require.NoError(t, json.Unmarshal([]byte(cmd("procurement", "show", ref, "--home", h, "--json")), &show))
		assert.Equal(t, "open", show["status"])
		// Whichever weights the rows hold now, the frozen ones count; the edit is a conflict
		// on every laptop.
		var cs []map[string]any
		require.NoError(t, json.Unmarshal([]byte(cmd("conflicts", "list", "--home", h, "--json")), &cs))
		fields := map[string]bool{}
		for _, c := range cs {
			if c["table"] == "procurement_criteria" {
				fields[c["field"].(string)] = true
			}
		}
		assert.True(t, fields["weight"], "the weights edited after the freeze are a conflict on %s: %v", h, cs)
		assert.Contains(t, cmd("conflicts", "list", "--home", h), "Cura del verde · Quality", "named by call and criterion")
	}
}

func TestProcurementLibraryAndMinimum(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune")
	require.Equal(t, 0, code, errs)
	h := []string{"--home", home}
	code, out, errs := run(t, append([]string{"procurement", "minimum", "20"}, h...)...)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "at least 20%")
	code, _, errs = run(t, append([]string{"procurement", "minimum", "120"}, h...)...)
	require.NotEqual(t, 0, code)
	assert.Contains(t, errs, "from 0 to 100")
	file := writeFile(t, t.TempDir(), "own.csv", "key,title,kind,weight,social_value,citation\nparish,Works with the parish,scale,0,yes,Our policy 2026\n")
	code, _, errs = run(t, append([]string{"procurement", "library", "--add", file}, h...)...)
	require.Equal(t, 0, code, errs)
	code, out, errs = run(t, append([]string{"procurement", "library", "--json"}, h...)...)
	require.Equal(t, 0, code, errs)
	var lib []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &lib))
	last := lib[len(lib)-1]
	assert.Equal(t, "parish", last["key"])
	assert.Equal(t, "workspace", last["source"])
	code, out, _ = run(t, append([]string{"procurement", "new", "--title", "X"}, h...)...)
	require.Equal(t, 0, code)
	code, out, _ = run(t, append([]string{"procurement", "show", strings.TrimSpace(out), "--json"}, h...)...)
	require.Equal(t, 0, code)
	var show map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &show))
	assert.EqualValues(t, 20, show["social_min"], "a new call takes the workspace's minimum")
}

// TestANewCallTakesTheMunicipalitysCurrency: a call made without a currency takes the
// workspace's (its profile's), the window and the command line alike; one given is kept.
func TestANewCallTakesTheMunicipalitysCurrency(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	runOK(t, "init", "--home", home, "--name", "Municipio de Cotacachi")
	runOK(t, "workspace", "set", "--currency", "usd", "--home", home)
	var c struct{ Currency string }
	require.NoError(t, json.Unmarshal([]byte(runOK(t, "procurement", "new", "--title", "Mingas", "--json", "--home", home)), &c))
	assert.Equal(t, "USD", c.Currency)
	require.NoError(t, json.Unmarshal([]byte(runOK(t, "procurement", "new", "--title", "Obras", "--currency", "eur", "--json", "--home", home)), &c))
	assert.Equal(t, "EUR", c.Currency)
}
