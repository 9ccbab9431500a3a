package console

import "github.com/gofiber/fiber/v2"

// listRoutes mounts this area's pages (its helper fills them in).
func (c *Console) listRoutes(r fiber.Router) {}
