package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
)

// loadLinks shows the linked pacts and the photos of a stored asset.
func (f *assetForm) loadLinks() {
	f.pacts.Objects = nil
	f.photos.Objects = nil
	if f.a.ID == "" {
		f.addPh.Disable()
		f.pacts.Add(widget.NewLabel(i18n.T("asset.pacts.save_first")))
		return
	}
	f.addPh.Enable()
	db := f.sh.WS.Store.DB()
	links, err := assets.PactsOfAsset(db, f.a.ID)
	if err != nil {
		f.pacts.Add(widget.NewLabel(errorText(err)))
	}
	if err == nil && len(links) == 0 {
		f.pacts.Add(widget.NewLabel(i18n.T("asset.pacts.none")))
	}
	if pp, ok := f.sh.pageOf("pacts").(*pactsPage); ok {
		a := assets.AssetListItem{ID: f.a.ID, Ref: f.a.Ref, Name: f.a.Name, District: f.a.District, Address: f.a.Address}
		f.pacts.Add(container.NewHBox(newButtonWithIcon(i18n.T("asset.pacts.propose"), theme.DocumentCreateIcon(), func() { pp.showNewFor(a) })))
	}
	for _, l := range links {
		status := l.Status
		if k := "pact.status." + l.Status; i18n.Default().Has(k) {
			status = i18n.T(k)
		}
		f.pacts.Add(widget.NewLabel(fmt.Sprintf("%s · %s · %s", l.Ref, l.Title, status)))
	}
	photos, err := assets.Photos(db, f.a.ID)
	if err != nil {
		f.photos.Add(widget.NewLabel(errorText(err)))
	}
	for _, ph := range photos {
		f.photos.Add(f.thumbnail(ph))
	}
	f.pacts.Refresh()
	f.photos.Refresh()
}

// thumbnail shows a photo scaled into a small frame, with its name and a remove button.
func (f *assetForm) thumbnail(ph model.Attachment) fyne.CanvasObject {
	var img *canvas.Image
	if f.sh.WS.Blobs.Has(ph.SHA256) {
		img = canvas.NewImageFromFile(f.sh.WS.Blobs.Path(ph.SHA256))
	} else {
		img = canvas.NewImageFromResource(theme.BrokenImageIcon())
	}
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleFastest
	img.SetMinSize(fyne.NewSize(120, 90))
	name := widget.NewLabel(ph.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	rm := newButtonWithIcon("", theme.DeleteIcon(), func() {
		confirmAction(f.sh.Window, i18n.T("confirm.remove.photo.title"), i18n.T("confirm.remove.photo.text", map[string]any{"What": ph.Name}),
			i18n.T("confirm.remove_button"), true, func() {
				if err := assets.RemovePhoto(f.sh.Ctx, f.sh.WS.Store, ph); err != nil {
					f.sh.ShowError(err)
					return
				}
				f.loadLinks()
			})
	})
	return container.NewVBox(img, container.NewBorder(nil, nil, nil, rm, name))
}

func (f *assetForm) choosePhoto() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			f.sh.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		if _, err := assets.AddPhoto(f.sh.Ctx, f.sh.WS.Store, f.sh.WS.Blobs, f.a.ID, r.URI().Name(), r); err != nil {
			f.sh.ShowError(err)
			return
		}
		f.loadLinks()
	}, f.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".JPG", ".JPEG", ".PNG"}))
	showDialog(f.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}
