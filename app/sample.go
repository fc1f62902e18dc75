package app

import (
	"context"
	"fmt"
	"sort"
)

// SampleStep fills part of a new sample workspace. Areas register their own steps; Order
// runs them so that assets exist before the pacts that link them.
type SampleStep struct {
	Order int
	Name  string
	Run   func(ctx context.Context, ws *Workspace) error
}

var sampleSteps []SampleStep

// RegisterSample adds a sample-data step.
func RegisterSample(s SampleStep) { sampleSteps = append(sampleSteps, s) }

// LoadSample runs every registered sample step in order.
func LoadSample(ctx context.Context, ws *Workspace) error {
	steps := append([]SampleStep{}, sampleSteps...)
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].Order < steps[j].Order })
	for _, s := range steps {
		if err := s.Run(ctx, ws); err != nil {
			return fmt.Errorf("sample data (%s): %w", s.Name, err)
		}
	}
	// Remember it, so the window can offer to start a real workspace instead.
	return ws.Store.SetMeta(ctx, metaSample, "1")
}
