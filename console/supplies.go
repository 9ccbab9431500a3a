package console

import "github.com/gofiber/fiber/v2"

// suppliesRoutes mounts this area's pages (its helper fills them in).
func (c *Console) suppliesRoutes(r fiber.Router) {}
