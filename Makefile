# Pacta: `make run` and `make test` do all the set-up on a fresh Debian/Ubuntu machine.
SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell scripts/version.sh)
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE := $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X pacta/app.Version=$(VERSION) -X pacta/app.Commit=$(COMMIT) -X pacta/app.BuildDate=$(DATE)

# System packages: building Fyne (GL, X11, Wayland), and what the tests and screenshots use.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
TEST_PKGS := $(BUILD_PKGS) poppler-utils sqlite3 xz-utils appstream
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: run build test bench package package-windows deps-build deps-test deps-windows check-go clean fmt

run: deps-build build
	./bin/pacta

build: check-go
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/pacta .

test: deps-test check-go
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) run . i18n check i18n/translations
	$(GO) test -race -count=1 -timeout 40m ./...

bench: deps-test check-go
	@scripts/bench.sh

package: deps-build check-go
	@scripts/package.sh "$(VERSION)" "$(LDFLAGS)"

package-windows: deps-windows check-go
	@scripts/package-windows.sh "$(VERSION)" "$(LDFLAGS)"

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin dist

check-go:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is needed: install it from your distribution or the Go website, then run make again."; exit 1; }

deps-build:
	@scripts/deps.sh $(BUILD_PKGS)

deps-test:
	@scripts/deps.sh $(TEST_PKGS)

deps-windows:
	@scripts/deps.sh gcc-mingw-w64-x86-64 zip unzip
