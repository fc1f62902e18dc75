package app

import (
	"errors"

	"pacta/i18n"
)

// bundleProblem reports a damaged or incomplete embedded bundle.
func bundleProblem() error {
	if err := i18n.LoadError(); err != nil {
		return err
	}
	if r := i18n.Default().Check(); !r.OK() {
		return errors.New(r.String())
	}
	return nil
}
