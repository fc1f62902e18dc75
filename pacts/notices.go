// Notices: the letters a procedure sends, printed in the pact's language — the receipt of
// a proposal, the request for documents, the rejection with its reasons, the public notice
// of a complex proposal and the decision to extend a pact.

package pacts

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/printing"
)

// Kinds of notice.
const (
	NoticeReceipt     = "receipt"
	NoticeDocuments   = "documents"
	NoticeRejection   = "rejection"
	NoticePublication = "publication"
	NoticeExtension   = "extension"
)

// NoticeKinds lists the notices, in the order of a procedure.
var NoticeKinds = []string{NoticeReceipt, NoticeDocuments, NoticeRejection, NoticePublication, NoticeExtension}

// Notice is what a notice says beyond the pact's data: Text is the documents requested or
// the reasons of a rejection (default: the reason given when the pact moved to that status),
// or a paragraph added to the other notices.
type Notice struct {
	Kind string
	Text string
	Lang string    // default the pact's
	Date time.Time // the notice's date
}

// latestReason is the reason of the pact's latest move to status, "" if none.
func latestReason(d *Dossier, status string) string {
	r := ""
	for _, t := range d.Transitions {
		if t.ToStatus == status {
			r = strings.TrimSpace(t.Reason)
		}
	}
	return r
}

// noticeData gathers what a notice's text uses, refusing a notice the pact cannot have
// yet: a receipt before the proposal, a rejection without reasons, a public notice of a
// proposal not published, an extension of a pact that allows none.
func noticeData(q model.Querier, d *Dossier, n *Notice, lang string) (map[string]any, error) {
	p := d.Pact
	dl, err := LoadDeadlines(q)
	if err != nil {
		return nil, err
	}
	ws, err := LoadWorkspace(q)
	if err != nil {
		return nil, err
	}
	refuse := func(key string, data map[string]any) error {
		return errs.E("notice "+n.Kind, errs.Conflict, errs.Key(key), data)
	}
	f := d.Fields(lang, ws)
	data := map[string]any{"Ref": p.Ref, "Title": p.Title, "Municipality": capitalise(f.Municipality.The(lang)),
		"Proponents": f.Proponents.The(lang), "ByProponents": f.Proponents.With(lang, "by"), "Officer": p.Officer}
	if p.SubmittedOn != "" {
		data["SubmittedOn"] = FormatDate(lang, p.SubmittedOn)
	}
	for _, a := range d.Acts {
		if a.Kind == "protocol" {
			data["Protocol"] = a.Number
			data["ProtocolDate"] = FormatDate(lang, a.Date)
		}
	}
	switch n.Kind {
	case NoticeReceipt:
		if p.SubmittedOn == "" {
			return nil, refuse("pact.error.notice_not_submitted", nil)
		}
		days := dl.OrdinaryAnswer
		if p.Kind == Complex {
			days = dl.ComplexPublish
		}
		data["Days"] = days
		data["Complex"] = p.Kind == Complex
	case NoticeDocuments, NoticeRejection:
		status := AwaitingInfo
		if n.Kind == NoticeRejection {
			status = Rejected
		}
		if strings.TrimSpace(n.Text) == "" {
			n.Text = latestReason(d, status)
		}
		if n.Text == "" {
			return nil, refuse("pact.error.notice_no_text", map[string]any{"Kind": n.Kind})
		}
	case NoticePublication:
		if p.PublishedOn == "" {
			return nil, refuse("pact.error.notice_not_published", nil)
		}
		data["PublishedOn"] = FormatDate(lang, p.PublishedOn)
		data["ClosesOn"] = FormatDate(lang, AddDays(p.PublishedOn, dl.ComplexObservations))
		data["Days"] = dl.ComplexObservations
		var assets []string
		for _, a := range d.Assets {
			s := a.Name
			if a.Address != "" && a.Address != a.Name {
				s += " (" + a.Address + ")"
			}
			assets = append(assets, s)
		}
		data["Assets"] = strings.Join(assets, "; ")
	case NoticeExtension:
		if p.ExtensionMonths <= 0 || p.StartDate == "" || p.DurationMonths <= 0 {
			return nil, refuse("pact.error.notice_no_extension", nil)
		}
		data["Extension"] = FormatMonths(lang, p.ExtensionMonths)
		data["EndBefore"] = FormatDate(lang, EndDate(p, false))
		data["EndAfter"] = FormatDate(lang, EndDate(p, true))
		if strings.TrimSpace(n.Text) == "" {
			n.Text = latestReason(d, Extended)
		}
	default:
		return nil, errs.E("notice", errs.Invalid, errs.Key("pact.error.notice_kind"), map[string]any{"Value": n.Kind, "Known": strings.Join(NoticeKinds, ", ")})
	}
	return data, nil
}

// capitalise writes a phrase's first letter in upper case ("Il Comune di Palermo").
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// NoticePDF prints a notice about a pact.
func NoticePDF(q model.Querier, d *Dossier, n Notice) ([]byte, error) {
	lang := n.Lang
	if lang == "" {
		lang = d.Pact.Lang
	}
	lang = i18n.Normalize(lang)
	loc := i18n.In(lang)
	data, err := noticeData(q, d, &n, lang)
	if err != nil {
		return nil, err
	}
	ws, err := LoadWorkspace(q)
	if err != nil {
		return nil, err
	}
	logo, err := Logo(q, ws.Profile.Logo)
	if err != nil {
		return nil, err
	}
	if n.Date.IsZero() {
		n.Date = time.Now()
	}
	title := loc.T("pact.notice.title." + n.Kind)
	doc := printing.New(printing.Meta{Municipality: ws.NameIn(lang), Title: title + " " + d.Pact.Ref, Reference: d.Pact.Ref,
		Version: strconv.FormatInt(d.Pact.Version, 10), Date: n.Date, Lang: lang, Logo: logo})
	doc.Title(strings.ToUpper(title))
	doc.KV(loc.T("pact.notice.ref"), d.Pact.Ref)
	if pr, ok := data["Protocol"]; ok {
		doc.KV(loc.T("pact.notice.protocol"), loc.T("pact.notice.protocol_value", map[string]any{"Number": pr, "Date": data["ProtocolDate"]}))
	}
	if n.Kind != NoticePublication {
		var to []string
		for _, x := range d.Parties {
			if x.Role == RoleMunicipality {
				continue
			}
			s := x.Name
			if x.Representative != "" {
				s += ", " + x.Representative
			}
			if x.Address != "" {
				s += " — " + x.Address
			}
			if x.Email != "" {
				s += " — " + x.Email
			}
			to = append(to, s)
		}
		doc.KV(loc.T("pact.notice.to"), strings.Join(to, "\n"))
	}
	doc.Space(3)
	doc.Subheading(loc.T("pact.notice.subject."+n.Kind, data))
	doc.Para(loc.T("pact.notice.body."+n.Kind, data))
	if t := strings.TrimSpace(n.Text); t != "" {
		switch n.Kind {
		case NoticeDocuments:
			doc.Heading(loc.T("pact.notice.documents"))
		case NoticeRejection:
			doc.Heading(loc.T("pact.notice.reasons"))
		}
		doc.Para(t)
	}
	if c := loc.T("pact.notice.close."+n.Kind, data); c != "" {
		doc.Para(c)
	}
	place := strings.TrimSpace(ws.Profile.Place)
	if place == "" {
		place = ws.NameIn(lang)
	}
	doc.Para(fmt.Sprintf("%s, %s", place, FormatDate(lang, Day(n.Date))))
	officer := strings.TrimSpace(d.Pact.Officer)
	if officer == "" {
		officer = strings.TrimSpace(ws.Profile.Officer)
	}
	doc.Signature(loc.T("pact.notice.signature"), officer, "")
	if err := doc.Err(); err != nil {
		return nil, fmt.Errorf("print notice %s: %w", n.Kind, err)
	}
	return doc.Bytes()
}
