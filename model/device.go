package model

// Device is a laptop of the workspace as every replica knows it. Rows are written by an
// administrator device (enrolment is a change in the log like any other); the founding
// device enrols itself.
type Device struct {
	Row
	Name       string `db:"name" json:"name"`
	PublicKey  string `db:"public_key" json:"public_key"` // base64 Ed25519 public key
	Admin      bool   `db:"admin" json:"admin"`
	EnrolledBy string `db:"enrolled_by" json:"enrolled_by"`
	Status     string `db:"status" json:"status"` // see DeviceStatuses
}

// TableName implements Entity.
func (*Device) TableName() string { return "devices" }

func init() { RegisterTable(&Device{}) }

// Device statuses.
const (
	DeviceRequested = "requested"
	DeviceEnrolled  = "enrolled"
	DeviceRejected  = "rejected"
	DeviceRevoked   = "revoked" // a lost or stolen laptop: nothing it seals later is applied
)

// DeviceStatuses lists the statuses a device row may have.
var DeviceStatuses = []string{DeviceRequested, DeviceEnrolled, DeviceRejected, DeviceRevoked}

// TrustTables are synced tables that decide who may write: only administrator devices
// may change them, and random test data must leave them alone.
var TrustTables = []string{"devices"}
