# Installs Pacta from this unpacked package.
#   sudo make install        into /usr/local (PREFIX=/usr/local, DESTDIR for packagers)
#   make user-install        into ~/.local, for this user only, without sudo
#   sudo make uninstall      and make user-uninstall remove it again
PREFIX ?= /usr/local
FILES := bin/pacta share/applications/org.pactacommons.pacta.desktop \
	share/metainfo/org.pactacommons.pacta.metainfo.xml \
	share/icons/hicolor/256x256/apps/org.pactacommons.pacta.png

.PHONY: install uninstall user-install user-uninstall

install:
	@for f in $(FILES); do install -D -m $$(case $$f in bin/*) echo 755;; *) echo 644;; esac) usr/local/$$f $(DESTDIR)$(PREFIX)/$$f; done
	-@command -v update-desktop-database >/dev/null && update-desktop-database -q $(DESTDIR)$(PREFIX)/share/applications || true
	@echo "Pacta is installed: start it from the applications menu, or run pacta."

uninstall:
	@for f in $(FILES); do rm -f $(DESTDIR)$(PREFIX)/$$f; done

user-install:
	@$(MAKE) --no-print-directory install PREFIX=$(HOME)/.local
	@case ":$$PATH:" in *":$(HOME)/.local/bin:"*) ;; *) echo "Add ~/.local/bin to your PATH to run pacta from a terminal.";; esac

user-uninstall:
	@$(MAKE) --no-print-directory uninstall PREFIX=$(HOME)/.local
