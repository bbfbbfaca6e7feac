package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/elnormous/contenttype"
)

// NotAcceptableError reports an Accept header that names nothing the
// endpoint serves; it answers 406 with the media types there are.
type NotAcceptableError struct {
	Accept string
	Offers []string
}

func (e *NotAcceptableError) Error() string {
	return fmt.Sprintf("cannot answer with any media type of Accept: %s; available: %s", e.Accept, strings.Join(e.Offers, ", "))
}

// negotiate picks the media type of offers (in the server's order of
// preference) that the request's Accept header prefers, by q-value
// (RFC 9110, 12.5.1): the highest q wins, among equal q the more specific
// range and then the earlier entry. No Accept header is the first offer;
// an Accept header that allows none of them is a NotAcceptableError, a
// malformed one an error too (both answer 406 or 400).
func negotiate(r *http.Request, offers []string) (string, error) {
	if strings.TrimSpace(r.Header.Get("Accept")) == "" {
		return offers[0], nil // no preference (an empty header says none either)
	}
	avail := make([]contenttype.MediaType, len(offers))
	for i, o := range offers {
		avail[i] = contenttype.NewMediaType(o)
	}
	mt, _, err := contenttype.GetAcceptableMediaType(r, avail)
	switch {
	case errors.Is(err, contenttype.ErrNoAcceptableTypeFound):
		return "", &NotAcceptableError{Accept: r.Header.Get("Accept"), Offers: offers}
	case err != nil:
		return "", fmt.Errorf("bad Accept header %q: %v", r.Header.Get("Accept"), err)
	}
	return mt.MIME(), nil
}

// negotiateStatus is the status of a negotiate error.
func negotiateStatus(err error) int {
	var na *NotAcceptableError
	if errors.As(err, &na) {
		return http.StatusNotAcceptable
	}
	return http.StatusBadRequest
}
